import { assert } from "../helpers/assert.ts";
import { InvalidDigestError } from "@/lib/artifacts/blob_store.ts";
import {
  assertDigest,
  digestHex,
  HashedBytes,
  isDigest,
  sha256Digest,
} from "@/lib/artifacts/digest.ts";

const ABC = "sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";

Deno.test("sha256Digest gives sha256: and the lowercase hex of the FIPS 180-2 vector", async () => {
  assert.equal(await sha256Digest(new TextEncoder().encode("abc")), ABC);
});

Deno.test("sha256Digest hashes only the view, also over a shared buffer", async () => {
  const shared = new Uint8Array(new SharedArrayBuffer(5));
  shared.set(new TextEncoder().encode("xabcx"));
  assert.equal(await sha256Digest(shared.subarray(1, 4)), ABC);
});

Deno.test("digest checks accept only sha256: and 64 lowercase hex characters", () => {
  assert.equal(isDigest(ABC), true);
  assert.equal(digestHex(ABC), ABC.slice(7));
  for (const bad of [ABC.toUpperCase(), ABC.slice(0, -1), `${ABC}0`, `${ABC}\n`, ` ${ABC}`]) {
    assert.equal(isDigest(bad), false, bad);
    assert.throws(() => assertDigest(bad), InvalidDigestError);
    assert.throws(() => digestHex(bad), InvalidDigestError);
  }
});

Deno.test("an invalid digest error quotes a bounded part of the key and says what is allowed", () => {
  const error = new InvalidDigestError(`sha256:${"../".repeat(100)}`);
  assert.ok(error.message.length < 200);
  assert.match(error.message, /^invalid digest "sha256:\.\.\/.*": expected sha256: followed by 64/);
});

Deno.test("HashedBytes carry the digest of their bytes and cannot be made with another", async () => {
  const bytes = new TextEncoder().encode("abc");
  const hashed = await HashedBytes.of(bytes);
  assert.equal(hashed.digest, ABC);
  assert.equal(hashed.bytes, bytes);
  // The constructor is private to TypeScript; at runtime it still refuses a made-up digest.
  const Unchecked = HashedBytes as unknown as new (...args: unknown[]) => HashedBytes;
  assert.throws(() => new Unchecked(Symbol("HashedBytes"), bytes, `sha256:${"0".repeat(64)}`), {
    name: "TypeError",
    message: "HashedBytes are made by HashedBytes.of",
  });
});
