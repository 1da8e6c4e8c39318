import { assert } from "../helpers/assert.ts";
import { openTestDatabase } from "../helpers/db.ts";
import {
  deleteUnreferencedBlob,
  findBlob,
  listBlobs,
  listUnreferencedBlobs,
  touchBlob,
} from "@/lib/artifacts/blob_records.ts";
import { InvalidDigestError } from "@/lib/artifacts/blob_store.ts";

const T0 = new Date("2026-11-25T12:00:00Z");
const at = (ms: number) => new Date(T0.getTime() + ms);
const digestOf = (c: string) => `sha256:${c.repeat(64)}`;

Deno.test("touchBlob inserts a row, then moves only touched_at forward", async () => {
  await using t = await openTestDatabase();
  const blob = { digest: digestOf("a"), size: 3, mediaType: "application/gzip" };
  assert.deepEqual(await touchBlob(t.db, blob, T0), { ...blob, createdAt: T0, touchedAt: T0 });
  assert.deepEqual(await touchBlob(t.db, blob, at(5000)), {
    ...blob,
    createdAt: T0,
    touchedAt: at(5000),
  });
  // An instance whose clock runs behind does not pull touched_at back.
  assert.deepEqual((await touchBlob(t.db, blob, at(1000))).touchedAt, at(5000));
  assert.deepEqual(await findBlob(t.db, blob.digest), {
    ...blob,
    createdAt: T0,
    touchedAt: at(5000),
  });
});

Deno.test("concurrent touches of the same blob leave exactly one row", async () => {
  await using t = await openTestDatabase();
  const blob = { digest: digestOf("b"), size: 10, mediaType: "application/wasm" };
  await Promise.all(Array.from({ length: 10 }, (_, i) => touchBlob(t.db, blob, at(i))));
  const rows = await listBlobs(t.db);
  assert.equal(rows.length, 1);
  assert.deepEqual(rows[0]!.touchedAt, at(9));
});

Deno.test("touchBlob rejects an invalid digest, a negative size and an empty media type", async () => {
  await using t = await openTestDatabase();
  const ok = { digest: digestOf("c"), size: 1, mediaType: "application/gzip" };
  await assert.rejects(
    touchBlob(t.db, { ...ok, digest: "sha256:../../etc/passwd" }, T0),
    InvalidDigestError,
  );
  await assert.rejects(touchBlob(t.db, { ...ok, size: -1 }, T0), /whole number of bytes, got -1/);
  await assert.rejects(touchBlob(t.db, { ...ok, size: 1.5 }, T0), /whole number of bytes/);
  await assert.rejects(touchBlob(t.db, { ...ok, mediaType: "" }, T0), /must not be empty/);
  assert.deepEqual(await listBlobs(t.db), []);
});

Deno.test("findBlob is null for a blob with no row", async () => {
  await using t = await openTestDatabase();
  assert.equal(await findBlob(t.db, digestOf("d")), null);
});

Deno.test("listBlobs and listUnreferencedBlobs list least recently touched first", async () => {
  await using t = await openTestDatabase();
  await touchBlob(t.db, { digest: digestOf("e"), size: 1, mediaType: "x/y" }, at(2));
  await touchBlob(t.db, { digest: digestOf("f"), size: 1, mediaType: "x/y" }, at(1));
  await touchBlob(t.db, { digest: digestOf("0"), size: 1, mediaType: "x/y" }, at(3));
  assert.deepEqual((await listBlobs(t.db)).map((b) => b.digest), [
    digestOf("f"),
    digestOf("e"),
    digestOf("0"),
  ]);
  assert.deepEqual((await listBlobs(t.db, { limit: 1 })).map((b) => b.digest), [digestOf("f")]);
  const old = await listUnreferencedBlobs(t.db, { cutoff: at(3), limit: 10 });
  assert.deepEqual(old.map((b) => b.digest), [digestOf("f"), digestOf("e")]);
});

Deno.test("deleteUnreferencedBlob keeps a row touched at or after the cutoff", async () => {
  await using t = await openTestDatabase();
  const blob = { digest: digestOf("1"), size: 1, mediaType: "x/y" };
  await touchBlob(t.db, blob, at(100));
  assert.equal(await deleteUnreferencedBlob(t.db, blob.digest, at(100)), null);
  assert.ok(await findBlob(t.db, blob.digest));
  assert.equal((await deleteUnreferencedBlob(t.db, blob.digest, at(101)))?.digest, blob.digest);
  assert.equal(await findBlob(t.db, blob.digest), null);
  assert.equal(await deleteUnreferencedBlob(t.db, blob.digest, at(101)), null);
});
