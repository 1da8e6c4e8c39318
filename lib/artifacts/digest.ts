import { encodeHexLowerCase } from "@oslojs/encoding";
import { DIGEST, InvalidDigestError } from "./blob_store.ts";

/** `sha256:<hex>` of some bytes. */
export async function sha256Digest(bytes: Uint8Array<ArrayBuffer>): Promise<string> {
  return `sha256:${
    encodeHexLowerCase(new Uint8Array(await crypto.subtle.digest("SHA-256", bytes)))
  }`;
}

/** Throws InvalidDigestError unless `digest` is `sha256:` + 64 lowercase hex characters. */
export function assertDigest(digest: string): void {
  if (!DIGEST.test(digest)) throw new InvalidDigestError(digest);
}
