import canonicalize from "canonicalize";
import { sha256Digest } from "../../artifacts/digest.ts";

/** What a digest must look like, for error messages. */
export const DIGEST_DESCRIPTION = "sha256: followed by 64 lowercase hex characters";

/** `sha256:<lowercase hex>` of the UTF-8 bytes of a string (POST /v1/hash/sha256). */
export function sha256DigestOfText(text: string): Promise<string> {
  return sha256Digest(new TextEncoder().encode(text));
}

/** RFC 8785 (JCS) canonical text of a parsed JSON value. */
export function canonicalJson(value: unknown): string {
  const text = canonicalize(value);
  if (text === undefined) throw new TypeError("value has no JSON representation");
  return text;
}

/** The manifest hash: sha256 of JCS(parsed manifest). */
export function manifestHash(manifest: unknown): Promise<string> {
  return sha256DigestOfText(canonicalJson(manifest));
}
