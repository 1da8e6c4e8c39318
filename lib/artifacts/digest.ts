import { encodeHexLowerCase } from "@oslojs/encoding";
import { DIGEST, InvalidDigestError } from "./blob_store.ts";

/** `sha256:<hex>` of some bytes. */
export async function sha256Digest(bytes: Uint8Array): Promise<string> {
  // WebCrypto refuses views over a SharedArrayBuffer; only those need a copy.
  const data = bytes.buffer instanceof ArrayBuffer
    ? bytes as Uint8Array<ArrayBuffer>
    : bytes.slice();
  return `sha256:${
    encodeHexLowerCase(new Uint8Array(await crypto.subtle.digest("SHA-256", data)))
  }`;
}

/** True when `value` is `sha256:` + 64 lowercase hex characters. */
export function isDigest(value: string): boolean {
  return DIGEST.test(value);
}

/** Throws InvalidDigestError unless `digest` is `sha256:` + 64 lowercase hex characters. */
export function assertDigest(digest: string): void {
  if (!DIGEST.test(digest)) throw new InvalidDigestError(digest);
}

/** The 64 hex characters of a valid digest; throws InvalidDigestError for anything else. */
export function digestHex(digest: string): string {
  assertDigest(digest);
  return digest.slice("sha256:".length);
}
