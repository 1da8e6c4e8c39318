// One behavioural suite, run against every BlobStore implementation, so the local folder and
// S3 are held to identical expectations.
import { assert } from "../helpers/assert.ts";
import { S3RVER_CREDENTIALS, startS3rver } from "../helpers/s3rver.ts";
import {
  type BlobStore,
  DigestMismatchError,
  InvalidDigestError,
} from "@/lib/artifacts/blob_store.ts";
import { HashedBytes, sha256Digest } from "@/lib/artifacts/digest.ts";
import { prepareBlob } from "@/lib/artifacts/prepare.ts";
import { LocalBlobStore } from "@/lib/artifacts/local_store.ts";
import { S3BlobStore } from "@/lib/artifacts/s3_store.ts";

interface StoreFixture extends AsyncDisposable {
  store: BlobStore;
}

/** Random bytes of any length (getRandomValues fills at most 64 KiB per call). */
export function randomBytes(length: number): Uint8Array<ArrayBuffer> {
  const bytes = new Uint8Array(length);
  for (let i = 0; i < length; i += 65536) crypto.getRandomValues(bytes.subarray(i, i + 65536));
  return bytes;
}

async function readAll(body: ReadableStream<Uint8Array>): Promise<Uint8Array> {
  return new Uint8Array(await new Response(body).arrayBuffer());
}

const HEX = "ab".repeat(32);
const INVALID_KEYS = [
  "sha256:../../etc/passwd",
  `sha256:../../${HEX.slice(6)}`,
  `sha256:${HEX.toUpperCase()}`,
  `sha256:${HEX.slice(1)}`,
  `sha256:${HEX}0`,
  `sha512:${HEX}`,
  `SHA256:${HEX}`,
  HEX,
  `sha256:${HEX}\n`,
  `sha256:${HEX}/`,
  `/sha256:${HEX}`,
  "",
];

function testBlobStore(kind: string, open: () => Promise<StoreFixture>): void {
  const test = (name: string, fn: (store: BlobStore) => Promise<void>) =>
    Deno.test(`${kind}: ${name}`, async () => {
      await using fixture = await open();
      await fn(fixture.store);
    });

  test("put and get round-trip a 5 MB random blob as a web stream", async (store) => {
    const bytes = randomBytes(5 * 1024 * 1024);
    const digest = await sha256Digest(bytes);
    assert.deepEqual(await store.put(digest, bytes), { digest, size: bytes.byteLength });
    const found = await store.get(digest);
    assert.ok(found);
    assert.ok(found.body instanceof ReadableStream);
    assert.equal(found.size, bytes.byteLength);
    const read = await readAll(found.body);
    assert.equal(read.byteLength, bytes.byteLength);
    assert.equal(await sha256Digest(read), digest);
  });

  test("put is idempotent: putting the same blob again succeeds and keeps it", async (store) => {
    const bytes = new TextEncoder().encode("the same bytes, twice");
    const digest = await sha256Digest(bytes);
    await store.put(digest, bytes);
    assert.deepEqual(await store.put(digest, bytes), { digest, size: bytes.byteLength });
    assert.deepEqual(await store.head(digest), { digest, size: bytes.byteLength });
    assert.deepEqual(await readAll((await store.get(digest))!.body), bytes);
  });

  test("concurrent puts of the same blob all succeed and store it once", async (store) => {
    const bytes = randomBytes(256 * 1024);
    const digest = await sha256Digest(bytes);
    const results = await Promise.all(Array.from({ length: 6 }, () => store.put(digest, bytes)));
    for (const result of results) assert.deepEqual(result, { digest, size: bytes.byteLength });
    assert.equal(await sha256Digest(await readAll((await store.get(digest))!.body)), digest);
  });

  test("put rejects bytes whose digest does not match and stores nothing", async (store) => {
    const claimed = await sha256Digest(new TextEncoder().encode("what was signed"));
    const bytes = new TextEncoder().encode("what was uploaded");
    await assert.rejects(store.put(claimed, bytes), (error: unknown) => {
      assert.ok(error instanceof DigestMismatchError);
      assert.match(error.message, /expected sha256:[0-9a-f]{64}, the bytes hash to sha256:/);
      return true;
    });
    assert.equal(await store.head(claimed), null);
    assert.equal(await store.get(claimed), null);
    assert.equal(await store.head(await sha256Digest(bytes)), null);
  });

  test("bytes hashed by this process are stored as they are, and refused under another digest", async (store) => {
    const hashed = await HashedBytes.of(new TextEncoder().encode("hashed once"));
    const other = await sha256Digest(new TextEncoder().encode("something else"));
    await assert.rejects(store.put(other, hashed), (error: unknown) => {
      assert.ok(error instanceof DigestMismatchError);
      assert.equal(
        error.message,
        `blob digest mismatch: expected ${other}, the bytes hash to ${hashed.digest}`,
      );
      return true;
    });
    assert.equal(await store.head(other), null);
    assert.deepEqual(await store.put(hashed.digest, hashed), { digest: hashed.digest, size: 11 });
    assert.deepEqual(await readAll((await store.get(hashed.digest))!.body), hashed.bytes);
  });

  test("a prepared blob is visible only once committed, under the digest its bytes hash to", async (store) => {
    const bytes = randomBytes(300 * 1024);
    const prepared = prepareBlob(store, bytes);
    const hashed = await HashedBytes.of(bytes);
    assert.equal(await store.head(hashed.digest), null);
    const info = await prepared.commit(hashed.digest, hashed, { contentType: "application/wasm" });
    assert.deepEqual(info, { digest: hashed.digest, size: bytes.byteLength });
    await prepared.discard();
    assert.equal(
      await sha256Digest(await readAll((await store.get(hashed.digest))!.body)),
      hashed.digest,
    );
  });

  test("a prepared blob committed under a digest its bytes do not hash to is refused and stores nothing", async (store) => {
    const bytes = new TextEncoder().encode("what was uploaded");
    const claimed = await sha256Digest(new TextEncoder().encode("what was signed"));
    await assert.rejects(prepareBlob(store, bytes).commit(claimed, bytes), DigestMismatchError);
    const hashed = await HashedBytes.of(bytes);
    await assert.rejects(prepareBlob(store, bytes).commit(claimed, hashed), DigestMismatchError);
    assert.equal(await store.head(claimed), null);
    assert.equal(await store.head(hashed.digest), null);
  });

  test("a prepared blob stores only the bytes it was prepared with", async (store) => {
    const prepared = prepareBlob(store, new TextEncoder().encode("prepared"));
    const other = await HashedBytes.of(new TextEncoder().encode("prepared"));
    await assert.rejects(
      prepared.commit(other.digest, other),
      /commits the bytes it was prepared with/,
    );
    assert.equal(await store.head(other.digest), null);
  });

  test("head reports a stored blob's size and null for a missing one", async (store) => {
    const bytes = new Uint8Array([1, 2, 3, 4, 5]);
    const digest = await sha256Digest(bytes);
    assert.equal(await store.head(digest), null);
    await store.put(digest, bytes);
    assert.deepEqual(await store.head(digest), { digest, size: 5 });
  });

  test("an empty blob is stored and read back", async (store) => {
    const digest = await sha256Digest(new Uint8Array());
    await store.put(digest, new Uint8Array());
    const found = await store.get(digest);
    assert.equal(found?.size, 0);
    assert.equal((await readAll(found!.body)).byteLength, 0);
  });

  test("get of a missing blob is null", async (store) => {
    assert.equal(await store.get(`sha256:${HEX}`), null);
  });

  test("delete removes a blob, and deleting a missing one is not an error", async (store) => {
    const bytes = new TextEncoder().encode("short-lived");
    const digest = await sha256Digest(bytes);
    await store.put(digest, bytes);
    await store.delete(digest);
    assert.equal(await store.head(digest), null);
    assert.equal(await store.get(digest), null);
    await store.delete(digest);
    await store.delete(`sha256:${HEX}`);
  });

  test("every operation rejects a key that is not sha256: and 64 lowercase hex", async (store) => {
    const bytes = new Uint8Array([1]);
    for (const key of INVALID_KEYS) {
      const isInvalid = (error: unknown) => {
        assert.ok(error instanceof InvalidDigestError, `${JSON.stringify(key)}: ${error}`);
        assert.match(error.message, /expected sha256: followed by 64 lowercase hex characters/);
        return true;
      };
      await assert.rejects(store.put(key, bytes), isInvalid);
      await assert.rejects(store.get(key), isInvalid);
      await assert.rejects(store.head(key), isInvalid);
      await assert.rejects(store.delete(key), isInvalid);
    }
  });
}

testBlobStore("LocalBlobStore", async () => {
  const dir = await Deno.makeTempDir({ prefix: "inactu-blobs-" });
  return {
    store: new LocalBlobStore(dir),
    [Symbol.asyncDispose]: () => Deno.remove(dir, { recursive: true }),
  };
});

testBlobStore("S3BlobStore", async () => {
  const s3 = await startS3rver();
  const store = new S3BlobStore({
    kind: "s3",
    bucket: s3.bucket,
    region: "us-east-1",
    endpoint: s3.endpoint,
    forcePathStyle: true,
    ...S3RVER_CREDENTIALS,
  });
  return {
    store,
    async [Symbol.asyncDispose]() {
      store.close();
      await s3.close();
    },
  };
});
