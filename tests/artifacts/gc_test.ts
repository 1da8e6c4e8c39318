import { assert } from "../helpers/assert.ts";
import { openTestDatabase } from "../helpers/db.ts";
import { findBlob, listBlobs, touchBlob } from "@/lib/artifacts/blob_records.ts";
import type { BlobStore } from "@/lib/artifacts/blob_store.ts";
import { sha256Digest } from "@/lib/artifacts/digest.ts";
import { collectGarbage, DEFAULT_GC_GRACE_MS } from "@/lib/artifacts/gc.ts";
import { LocalBlobStore } from "@/lib/artifacts/local_store.ts";
import type { Db } from "@/lib/db/client.ts";
import { owners, packages, packageVersions, stagedUploads, users } from "@/lib/db/schema.ts";
import { recordStagedUpload, STAGED_UPLOAD_TTL_MS } from "@/lib/packages/staged_uploads.ts";
import { createLogger } from "@/lib/log.ts";

const T0 = new Date("2026-11-25T12:00:00Z");
const HOUR = 60 * 60 * 1000;
const at = (ms: number) => new Date(T0.getTime() + ms);

interface Fixture extends AsyncDisposable {
  db: Db;
  store: LocalBlobStore;
  dir: string;
}

async function open(): Promise<Fixture> {
  const database = await openTestDatabase();
  const dir = await Deno.makeTempDir({ prefix: "inactu-gc-" });
  return {
    db: database.db,
    store: new LocalBlobStore(dir),
    dir,
    async [Symbol.asyncDispose]() {
      await database.dispose();
      await Deno.remove(dir, { recursive: true });
    },
  };
}

/** Records a blob at `now` and stores its bytes, as a publish does. */
async function publishBlob(f: Fixture, text: string, now: Date): Promise<string> {
  const bytes = new TextEncoder().encode(text);
  const digest = await sha256Digest(bytes);
  await touchBlob(f.db, { digest, size: bytes.byteLength, mediaType: "application/gzip" }, now);
  await f.store.put(digest, bytes);
  return digest;
}

/** A user, their owner row, a package and one version pointing at the given blobs. */
async function insertVersion(
  db: Db,
  blobs: { archiveDigest: string; artifactDigest: string },
): Promise<void> {
  const id = crypto.randomUUID();
  await db.insert(users).values({
    id,
    email: `${id}@example.com`,
    passwordHash: "x",
    createdAt: T0,
    updatedAt: T0,
  });
  await db.insert(owners).values({ id, kind: "user", userId: id, handle: id, createdAt: T0 });
  await db.insert(packages).values({
    id,
    ownerId: id,
    name: "skill",
    createdAt: T0,
    updatedAt: T0,
  });
  await db.insert(packageVersions).values({
    id,
    packageId: id,
    version: "1.0.0",
    versionKey: "1.0.0",
    versionOrder: "1.0.0",
    prerelease: false,
    ...blobs,
    archiveSize: 1,
    archiveMediaType: "application/gzip",
    wasmSize: 1,
    manifest: {},
    manifestHash: "x",
    keysDigest: "x",
    signers: [],
    publishedByUserId: id,
    publishedAt: T0,
  });
}

Deno.test("GC removes an unreferenced blob older than the grace period from table and store", async () => {
  await using f = await open();
  const orphan = await publishBlob(f, "failed publish", T0);
  const lines: string[] = [];
  const result = await collectGarbage(f.db, f.store, {
    now: at(2 * HOUR),
    graceMs: HOUR,
    logger: createLogger((line) => lines.push(line)),
  });
  assert.deepEqual(result, { deleted: [orphan], failed: [], temporary: 0 });
  assert.equal(await findBlob(f.db, orphan), null);
  assert.equal(await f.store.head(orphan), null);
  assert.equal(lines.length, 1);
  assert.equal(JSON.parse(lines[0]!).digest, orphan);
});

Deno.test("GC keeps blobs that a version references as its archive or its artifact", async () => {
  await using f = await open();
  const archive = await publishBlob(f, "archive", T0);
  const artifact = await publishBlob(f, "artifact", T0);
  await insertVersion(f.db, { archiveDigest: archive, artifactDigest: artifact });
  const result = await collectGarbage(f.db, f.store, { now: at(48 * HOUR), graceMs: HOUR });
  assert.deepEqual(result, { deleted: [], failed: [], temporary: 0 });
  for (const digest of [archive, artifact]) {
    assert.ok(await findBlob(f.db, digest));
    assert.ok(await f.store.head(digest));
  }
});

Deno.test("GC keeps the blob of an upload waiting for review until it expires, then drops both", async () => {
  await using f = await open();
  const staged = await publishBlob(f, "staged for review", T0);
  const userId = crypto.randomUUID();
  await f.db.insert(users).values({
    id: userId,
    email: `${userId}@example.com`,
    passwordHash: "x",
    createdAt: T0,
    updatedAt: T0,
  });
  await recordStagedUpload(f.db, { userId, digest: staged }, T0);
  const options = { now: at(STAGED_UPLOAD_TTL_MS - 1), graceMs: HOUR };
  assert.deepEqual(await collectGarbage(f.db, f.store, options), {
    deleted: [],
    failed: [],
    temporary: 0,
  });
  assert.ok(await f.store.head(staged));
  assert.equal((await f.db.select().from(stagedUploads)).length, 1);
  const expired = await collectGarbage(f.db, f.store, {
    ...options,
    now: at(STAGED_UPLOAD_TTL_MS),
  });
  assert.deepEqual(expired, { deleted: [staged], failed: [], temporary: 0 });
  assert.equal(await f.store.head(staged), null);
  assert.deepEqual(await f.db.select().from(stagedUploads), []);
});

Deno.test("GC keeps a recently touched orphan until the clock passes the grace period", async () => {
  await using f = await open();
  const orphan = await publishBlob(f, "in flight", T0);
  for (const now of [T0, at(DEFAULT_GC_GRACE_MS - 1), at(DEFAULT_GC_GRACE_MS)]) {
    assert.deepEqual(await collectGarbage(f.db, f.store, { now }), {
      deleted: [],
      failed: [],
      temporary: 0,
    });
    assert.ok(await f.store.head(orphan));
  }
  const later = await collectGarbage(f.db, f.store, { now: at(DEFAULT_GC_GRACE_MS + 1) });
  assert.deepEqual(later.deleted, [orphan]);
});

Deno.test("GC counts the grace period from the latest touch, not from creation", async () => {
  await using f = await open();
  const blob = await publishBlob(f, "retried publish", T0);
  await publishBlob(f, "retried publish", at(3 * HOUR));
  assert.deepEqual((await collectGarbage(f.db, f.store, { now: at(4 * HOUR - 1) })).deleted, []);
  assert.deepEqual((await collectGarbage(f.db, f.store, { now: at(4 * HOUR + 1) })).deleted, [
    blob,
  ]);
});

Deno.test("GC cleans up a row whose bytes were never written", async () => {
  await using f = await open();
  const digest = await sha256Digest(new TextEncoder().encode("crashed before put"));
  await touchBlob(f.db, { digest, size: 18, mediaType: "application/gzip" }, T0);
  const result = await collectGarbage(f.db, f.store, { now: at(2 * HOUR), graceMs: HOUR });
  assert.deepEqual(result, { deleted: [digest], failed: [], temporary: 0 });
  assert.deepEqual(await listBlobs(f.db), []);
});

Deno.test("GC is idempotent: a second run finds nothing to do", async () => {
  await using f = await open();
  const orphan = await publishBlob(f, "orphan", T0);
  const kept = await publishBlob(f, "kept", T0);
  await insertVersion(f.db, { archiveDigest: kept, artifactDigest: kept });
  const options = { now: at(2 * HOUR), graceMs: HOUR };
  assert.deepEqual(await collectGarbage(f.db, f.store, options), {
    deleted: [orphan],
    failed: [],
    temporary: 0,
  });
  assert.deepEqual(await collectGarbage(f.db, f.store, options), {
    deleted: [],
    failed: [],
    temporary: 0,
  });
  assert.deepEqual((await listBlobs(f.db)).map((b) => b.digest), [kept]);
  assert.ok(await f.store.head(kept));
});

Deno.test("GC keeps a blob that a publish touches or references after GC listed it", async () => {
  await using f = await open();
  const first = await publishBlob(f, "listed first", T0);
  const touched = await publishBlob(f, "touched meanwhile", at(1));
  const referenced = await publishBlob(f, "referenced meanwhile", at(2));
  // The first deletion runs after the listing and before the other rows' conditional
  // deletes: exactly where a concurrent publish can slip in.
  const racing: BlobStore = {
    put: (d, b) => f.store.put(d, b),
    get: (d) => f.store.get(d),
    head: (d) => f.store.head(d),
    async delete(digest) {
      if (digest === first) {
        await touchBlob(
          f.db,
          { digest: touched, size: 17, mediaType: "application/gzip" },
          at(
            2 * HOUR,
          ),
        );
        await insertVersion(f.db, { archiveDigest: referenced, artifactDigest: referenced });
      }
      await f.store.delete(digest);
    },
  };
  const result = await collectGarbage(f.db, racing, { now: at(2 * HOUR), graceMs: HOUR });
  assert.deepEqual(result, { deleted: [first], failed: [], temporary: 0 });
  for (const digest of [touched, referenced]) {
    assert.ok(await findBlob(f.db, digest));
    assert.ok(await f.store.head(digest));
  }
});

Deno.test("GC puts the row back when deleting the bytes fails, so the next run retries", async () => {
  await using f = await open();
  const orphan = await publishBlob(f, "stubborn", T0);
  const failing: BlobStore = {
    put: (d, b) => f.store.put(d, b),
    get: (d) => f.store.get(d),
    head: (d) => f.store.head(d),
    delete: () => Promise.reject(new Error("disk on fire")),
  };
  const lines: string[] = [];
  const options = { now: at(2 * HOUR), graceMs: HOUR };
  const result = await collectGarbage(f.db, failing, {
    ...options,
    logger: createLogger((line) => lines.push(line)),
  });
  assert.deepEqual(result, { deleted: [], failed: [orphan], temporary: 0 });
  assert.deepEqual((await findBlob(f.db, orphan))?.touchedAt, T0);
  assert.ok(await f.store.head(orphan));
  assert.equal(JSON.parse(lines[0]!).error, "disk on fire");
  assert.deepEqual(await collectGarbage(f.db, f.store, options), {
    deleted: [orphan],
    failed: [],
    temporary: 0,
  });
  assert.equal(await f.store.head(orphan), null);
});

Deno.test("GC rejects a negative grace period", async () => {
  await using f = await open();
  await assert.rejects(
    collectGarbage(f.db, f.store, { now: T0, graceMs: -1 }),
    /grace period must be zero or more milliseconds, got -1/,
  );
});

Deno.test("GC removes the files a crash left mid-write once the grace period is over, and nothing else", async () => {
  await using f = await open();
  const archive = await publishBlob(f, "an archive", T0);
  const wasm = await publishBlob(f, "a wasm", T0);
  await insertVersion(f.db, { archiveDigest: archive, artifactDigest: wasm });
  // What a publish cut short by a crash leaves: temp files beside the shards.
  const stale = `${f.dir}/.tmp-stale`;
  const fresh = `${f.dir}/.tmp-fresh`;
  await Deno.writeTextFile(stale, "half a blob");
  await Deno.writeTextFile(fresh, "a publish still writing");
  await Deno.utime(stale, at(-2 * HOUR), at(-2 * HOUR));
  await Deno.utime(fresh, at(0), at(0));
  const result = await collectGarbage(f.db, f.store, { now: at(HOUR / 2), graceMs: HOUR });
  assert.deepEqual(result, { deleted: [], failed: [], temporary: 1 });
  const left = [];
  for await (const entry of Deno.readDir(f.dir)) left.push(entry.name);
  assert.deepEqual(left.sort(), [".tmp-fresh", "sha256"]);
  assert.ok(await f.store.head(archive), "blobs are untouched");
  assert.ok(await f.store.head(wasm), "blobs are untouched");
});
