import { assert, assertIncludes } from "../helpers/assert.ts";
import { BlobStoreUnavailableError, InvalidDigestError } from "@/lib/artifacts/blob_store.ts";
import { HashedBytes, sha256Digest } from "@/lib/artifacts/digest.ts";
import { LocalBlobStore } from "@/lib/artifacts/local_store.ts";

function randomBytes(length: number): Uint8Array<ArrayBuffer> {
  const bytes = new Uint8Array(length);
  for (let i = 0; i < length; i += 65536) crypto.getRandomValues(bytes.subarray(i, i + 65536));
  return bytes;
}

/** Every file and folder under `dir`, relative to it, sorted. */
async function tree(dir: string, prefix = ""): Promise<string[]> {
  const out: string[] = [];
  for await (const entry of Deno.readDir(`${dir}/${prefix}`)) {
    const path = `${prefix}${entry.name}`;
    out.push(entry.isDirectory ? `${path}/` : path);
    if (entry.isDirectory) out.push(...await tree(dir, `${path}/`));
  }
  return out.sort();
}

async function withStore(fn: (store: LocalBlobStore, dir: string) => Promise<void>) {
  const dir = await Deno.makeTempDir({ prefix: "inactu-blobs-" });
  try {
    await fn(new LocalBlobStore(dir), dir);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

Deno.test("local store keeps a blob as sha256/<first two hex>/<hex> and nothing else", async () => {
  await withStore(async (store, dir) => {
    const bytes = new TextEncoder().encode("layout");
    const digest = await sha256Digest(bytes);
    const hex = digest.slice("sha256:".length);
    await store.put(digest, bytes);
    assert.deepEqual(await tree(dir), [
      "sha256/",
      `sha256/${hex.slice(0, 2)}/`,
      `sha256/${hex.slice(0, 2)}/${hex}`,
    ]);
    assert.deepEqual(await Deno.readFile(`${dir}/sha256/${hex.slice(0, 2)}/${hex}`), bytes);
  });
});

Deno.test("local store rejects path traversal keys without touching the file system", async () => {
  await withStore(async (store, dir) => {
    const outside = `${dir}/../inactu-traversal-${crypto.randomUUID()}`;
    for (const key of ["sha256:../../etc/passwd", `sha256:../${outside.split("/").pop()}`]) {
      await assert.rejects(store.put(key, new Uint8Array([1])), InvalidDigestError);
      await assert.rejects(store.delete(key), InvalidDigestError);
    }
    assert.deepEqual(await tree(dir), []);
    await assert.rejects(Deno.stat(outside), Deno.errors.NotFound);
  });
});

Deno.test("concurrent puts of the same blob succeed and leave one file and no temp files", async () => {
  await withStore(async (store, dir) => {
    const bytes = randomBytes(1024 * 1024);
    const digest = await sha256Digest(bytes);
    const hex = digest.slice("sha256:".length);
    // Each put sees no file yet, so every one of them writes and renames.
    const results = await Promise.all(Array.from({ length: 8 }, () => store.put(digest, bytes)));
    assert.equal(results.length, 8);
    assert.deepEqual(await tree(dir), [
      "sha256/",
      `sha256/${hex.slice(0, 2)}/`,
      `sha256/${hex.slice(0, 2)}/${hex}`,
    ]);
    assert.equal(
      await sha256Digest(await Deno.readFile(`${dir}/sha256/${hex.slice(0, 2)}/${hex}`)),
      digest,
    );
  });
});

Deno.test("a reader never sees partial bytes while puts of the same blob run", async () => {
  await withStore(async (store) => {
    const bytes = randomBytes(2 * 1024 * 1024);
    const digest = await sha256Digest(bytes);
    let writing = true;
    // Deleting between puts makes every put write and rename again while readers poll.
    const writers = Promise.all(Array.from({ length: 4 }, async () => {
      for (let i = 0; i < 8; i++) {
        await store.put(digest, bytes);
        await store.delete(digest);
      }
    })).finally(() => writing = false);
    let seen = 0;
    const reader = async () => {
      while (writing) {
        const found = await store.get(digest);
        if (!found) continue;
        const read = new Uint8Array(await new Response(found.body).arrayBuffer());
        assert.equal(found.size, bytes.byteLength);
        assert.equal(read.byteLength, bytes.byteLength);
        assert.equal(await sha256Digest(read), digest);
        seen++;
      }
    };
    await Promise.all([writers, reader(), reader()]);
    assert.ok(seen > 0, "the readers should have found the blob at least once");
  });
});

Deno.test("a failed write leaves no temp file behind and reports what failed", async () => {
  await withStore(async (store, dir) => {
    const bytes = new TextEncoder().encode("cannot land");
    const digest = await sha256Digest(bytes);
    const hex = digest.slice("sha256:".length);
    // A folder where the blob belongs makes the final rename fail after the temp file was
    // written and fsynced: the latest point a write can fail.
    await Deno.mkdir(`${dir}/sha256/${hex.slice(0, 2)}/${hex}`, { recursive: true });
    await assert.rejects(store.put(digest, bytes), (error: unknown) => {
      assert.ok(error instanceof BlobStoreUnavailableError);
      assertIncludes(error.message, `could not write blob ${digest} under ${dir}`);
      return true;
    });
    assert.deepEqual(await tree(dir), [
      "sha256/",
      `sha256/${hex.slice(0, 2)}/`,
      `sha256/${hex.slice(0, 2)}/${hex}/`,
    ]);
    assert.equal(await store.head(digest), null);
    assert.equal(await store.get(digest), null);
  });
});

Deno.test("put replaces a damaged file whose size does not match the blob", async () => {
  await withStore(async (store, dir) => {
    const bytes = new TextEncoder().encode("the whole blob");
    const digest = await sha256Digest(bytes);
    const hex = digest.slice("sha256:".length);
    await Deno.mkdir(`${dir}/sha256/${hex.slice(0, 2)}`, { recursive: true });
    await Deno.writeFile(`${dir}/sha256/${hex.slice(0, 2)}/${hex}`, bytes.subarray(0, 5));
    assert.deepEqual(await store.put(digest, bytes), { digest, size: bytes.byteLength });
    assert.deepEqual(await Deno.readFile(`${dir}/sha256/${hex.slice(0, 2)}/${hex}`), bytes);
  });
});

Deno.test("a prepared blob leaves no file when discarded, and only the blob when committed", async () => {
  await withStore(async (store, dir) => {
    const bytes = randomBytes(2 * 1024 * 1024);
    const discarded = store.prepare(bytes);
    await discarded.discard();
    assert.deepEqual(await tree(dir), []);
    const refused = store.prepare(bytes);
    await assert.rejects(refused.commit(`sha256:${"0".repeat(64)}`, bytes));
    assert.deepEqual(await tree(dir), []);
    const hashed = await HashedBytes.of(bytes);
    const hex = hashed.digest.slice("sha256:".length);
    await store.prepare(bytes).commit(hashed.digest, hashed);
    assert.deepEqual(await tree(dir), [
      "sha256/",
      `sha256/${hex.slice(0, 2)}/`,
      `sha256/${hex.slice(0, 2)}/${hex}`,
    ]);
    assert.deepEqual(await Deno.readFile(`${dir}/sha256/${hex.slice(0, 2)}/${hex}`), bytes);
  });
});

Deno.test("a prepared blob that is stored already is committed as it is, and written again if it went meanwhile", async () => {
  await withStore(async (store, dir) => {
    const hashed = await HashedBytes.of(randomBytes(1024 * 1024));
    const hex = hashed.digest.slice("sha256:".length);
    const blobFile = `sha256/${hex.slice(0, 2)}/${hex}`;
    await store.put(hashed.digest, hashed);
    const info = { digest: hashed.digest, size: hashed.bytes.byteLength };
    assert.deepEqual(await store.prepare(hashed).commit(hashed.digest, hashed), info);
    assert.deepEqual(await tree(dir), ["sha256/", `sha256/${hex.slice(0, 2)}/`, blobFile]);
    // Collected by GC between the write-ahead (skipped) and the commit.
    const prepared = store.prepare(hashed);
    await store.delete(hashed.digest);
    assert.deepEqual(await prepared.commit(hashed.digest, hashed), info);
    assert.deepEqual(await tree(dir), ["sha256/", `sha256/${hex.slice(0, 2)}/`, blobFile]);
    assert.deepEqual(await Deno.readFile(`${dir}/${blobFile}`), hashed.bytes);
  });
});
