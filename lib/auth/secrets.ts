import { sha256 } from "@oslojs/crypto/sha2";
import { constantTimeEqual } from "@oslojs/crypto/subtle";
import { encodeBase64urlNoPadding, encodeHexLowerCase } from "@oslojs/encoding";

/** A random secret of `bytes` bytes (default 32, that is 256 bits), base64url without padding. */
export function randomSecret(bytes = 32): string {
  return encodeBase64urlNoPadding(crypto.getRandomValues(new Uint8Array(bytes)));
}

/**
 * Lowercase hex SHA-256 of a string's UTF-8 bytes: how secrets are stored. Synchronous on
 * purpose: for a 43-character secret it is ten times cheaper than an awaited WebCrypto digest,
 * and it runs on every authenticated request.
 */
export function sha256Hex(text: string): string {
  return encodeHexLowerCase(sha256(new TextEncoder().encode(text)));
}

/** Compares two hex digests without leaking, through timing, where they first differ. */
export function digestsEqual(a: string, b: string): boolean {
  const x = new TextEncoder().encode(a);
  const y = new TextEncoder().encode(b);
  return x.byteLength === y.byteLength && constantTimeEqual(x, y);
}
