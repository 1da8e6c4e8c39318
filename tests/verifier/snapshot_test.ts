// Registry snapshot export (spec/registry/snapshot.schema.json): the owner's snapshot of every
// version, anyone's snapshot of an owner's public versions, reproducible byte for byte, and
// the spec's snapshot vectors.
import { createHash } from "node:crypto";
import { assert, assertIncludes } from "../helpers/assert.ts";
import { createTestApp, type TestApp } from "../helpers/app.ts";
import { createToken, createUser, type TestUser } from "../helpers/accounts.ts";
import { publishTestVersion } from "../helpers/packages.ts";
import { BlobStoreUnavailableError } from "@/lib/artifacts/blob_store.ts";
import { LocalBlobStore } from "@/lib/artifacts/local_store.ts";
import { buildSnapshot, snapshotText, verifySnapshot } from "@/lib/verifier/snapshot.ts";
import { specSchema, vectors } from "./spec.ts";

const HOUR = 60 * 60 * 1000;

async function md5Of(app: TestApp, user: TestUser, name: string, version: string) {
  const res = await app.request(`/v1/packages/${name}/versions/${version}/artifact`, {
    headers: { cookie: user.cookie },
  });
  assert.equal(res.status, 200);
  return createHash("md5").update(new Uint8Array(await res.arrayBuffer())).digest("hex");
}

async function get(app: TestApp, path: string, headers: Record<string, string> = {}) {
  const res = await app.request(path, { headers });
  return { res, text: await res.text() };
}

/** olive: alpha 1.0.0 and 1.1.0 (public, an hour apart), then beta 0.1.0 (private). */
async function registry(app: TestApp) {
  const olive = await createUser(app, { handle: "olive" });
  await publishTestVersion(app, olive, "alpha", "1.0.0", { visibility: "public", value: 1 });
  app.clock.advance(HOUR);
  await publishTestVersion(app, olive, "alpha", "1.1.0", { value: 2 });
  const alphaAt = Math.floor(app.clock.now().getTime() / 1000);
  app.clock.advance(HOUR);
  await publishTestVersion(app, olive, "beta", "0.1.0", { value: 3 });
  const betaAt = Math.floor(app.clock.now().getTime() / 1000);
  return { olive, alphaAt, betaAt };
}

Deno.test("an owner's snapshot lists every version with its sha256 and md5, as the spec's schema says", async () => {
  await using app = await createTestApp();
  const { olive, betaAt } = await registry(app);
  const schema = await specSchema("registry/snapshot.schema.json");
  const { res, text } = await get(app, "/v1/registry/snapshot", { cookie: olive.cookie });
  assert.equal(res.status, 200, text);
  assert.equal(res.headers.get("content-type"), "application/json; charset=utf-8");
  assert.equal(res.headers.get("cache-control"), "private, no-store");
  const snapshot = JSON.parse(text);
  assert.ok(schema(snapshot), text);
  assert.deepEqual(Object.keys(snapshot), ["snapshot_hash", "timestamp", "entries"]);
  assert.deepEqual(Object.keys(snapshot.entries), ["alpha@1.0.0", "alpha@1.1.0", "beta@0.1.0"]);
  for (const key of Object.keys(snapshot.entries)) {
    const [name, version] = key.split("@") as [string, string];
    const listed = await (await app.request(`/v1/packages/${name}/versions/${version}`, {
      headers: { cookie: olive.cookie },
    })).json();
    assertIncludes(JSON.stringify(listed), snapshot.entries[key].sha256);
    assert.equal(snapshot.entries[key].md5, await md5Of(app, olive, name, version));
  }
  // No clock: the timestamp is the newest publication's, in seconds.
  assert.equal(snapshot.timestamp, betaAt);
  assert.deepEqual(await verifySnapshot(snapshot), snapshot);
  assert.equal(res.headers.get("etag"), `"${snapshot.snapshot_hash}"`);
});

Deno.test("the same versions give the same snapshot bytes, whenever and however they are asked for", async () => {
  await using app = await createTestApp();
  const { olive } = await registry(app);
  const first = await get(app, "/v1/registry/snapshot", { cookie: olive.cookie });
  app.clock.advance(24 * HOUR);
  const token = await createToken(app, olive, ["packages:read"]);
  const again = await get(app, "/v1/registry/snapshot", { authorization: `Bearer ${token}` });
  assert.equal(again.res.status, 200);
  assert.equal(again.text, first.text);
  // Rebuilt from its own entries, in any order, the file is the same bytes.
  const parsed = JSON.parse(first.text);
  const shuffled = Object.entries(parsed.entries).reverse() as Array<
    [string, { sha256: string; md5: string }]
  >;
  assert.equal(snapshotText(await buildSnapshot(parsed.timestamp, shuffled)), first.text);
  const cached = await app.request("/v1/registry/snapshot", {
    headers: { cookie: olive.cookie, "if-none-match": first.res.headers.get("etag")! },
  });
  assert.equal(cached.status, 304);
  await cached.body?.cancel();
});

Deno.test("anyone gets an owner's snapshot of public versions only, the same bytes as the owner gets there", async () => {
  await using app = await createTestApp();
  const { olive, alphaAt } = await registry(app);
  const anonymous = await get(app, "/v1/owners/olive/snapshot");
  assert.equal(anonymous.res.status, 200, anonymous.text);
  assert.equal(anonymous.res.headers.get("cache-control"), "public, no-cache");
  const snapshot = JSON.parse(anonymous.text);
  assert.deepEqual(Object.keys(snapshot.entries), ["alpha@1.0.0", "alpha@1.1.0"]);
  assert.equal(snapshot.timestamp, alphaAt);
  await verifySnapshot(snapshot);
  const mallory = await createUser(app, { handle: "mallory" });
  for (const headers of [{ cookie: olive.cookie }, { cookie: mallory.cookie }]) {
    assert.equal((await get(app, "/v1/owners/OLIVE/snapshot", headers)).text, anonymous.text);
  }
  const empty = JSON.parse((await get(app, "/v1/owners/mallory/snapshot")).text);
  assert.deepEqual({ timestamp: empty.timestamp, entries: empty.entries }, {
    timestamp: 0,
    entries: {},
  });
  await verifySnapshot(empty);
});

Deno.test("a snapshot of a missing or unverified owner is 404, and an own snapshot needs packages:read", async () => {
  await using app = await createTestApp();
  const olive = await createUser(app, { handle: "olive" });
  await createUser(app, { handle: "ghost", verified: false });
  for (const handle of ["nobody", "ghost"]) {
    const { res, text } = await get(app, `/v1/owners/${handle}/snapshot`);
    assert.equal(res.status, 404);
    assert.deepEqual(JSON.parse(text), { error: "owner not found" });
  }
  const anonymous = await get(app, "/v1/registry/snapshot");
  assert.equal(anonymous.res.status, 401);
  const token = await createToken(app, olive, ["contexts:read"]);
  const scoped = await get(app, "/v1/registry/snapshot", { authorization: `Bearer ${token}` });
  assert.equal(scoped.res.status, 403);
  assertIncludes(scoped.text, "packages:read");
});

Deno.test("every snapshot vector of the spec verifies or is refused as it expects", async () => {
  const schema = await specSchema("registry/snapshot.schema.json");
  for (const { file, text } of await vectors("registry/snapshot/good")) {
    const vector = JSON.parse(text);
    assert.ok(schema(vector), file);
    assert.deepEqual(await verifySnapshot(vector), vector);
    // Built from the same entries and timestamp, our export has the vector's hash.
    const built = await buildSnapshot(vector.timestamp, Object.entries(vector.entries));
    assert.equal(built.snapshot_hash, vector.snapshot_hash);
  }
  const expected: Record<string, [boolean, string]> = {
    "registry/snapshot/bad/hash-mismatch.json": [
      true,
      "snapshot verification failed: digest mismatch: snapshot_hash is sha256:0000",
    ],
    "registry/snapshot/bad/invalid_entry_digest.json": [
      false,
      "invalid snapshot: entries.echo@1.0.0.sha256: must be sha256: followed by 64 lowercase hex",
    ],
  };
  const bad = await vectors("registry/snapshot/bad");
  assert.deepEqual(bad.map((v) => v.file), Object.keys(expected));
  for (const { file, text } of bad) {
    const [schemaValid, message] = expected[file]!;
    assert.equal(schema(JSON.parse(text)), schemaValid, file);
    const error = await verifySnapshot(JSON.parse(text)).then(() => null, (e: Error) => e);
    assert.ok(error, `${file} should be refused`);
    assertIncludes(error.message, message);
  }
});

/** A local store whose reads can be switched off, as an unreachable S3 would fail them. */
class FlakyStore extends LocalBlobStore {
  down = false;
  override get(digest: string) {
    if (this.down) return Promise.reject(new BlobStoreUnavailableError("the store is down"));
    return super.get(digest);
  }
}

Deno.test("when the blob store fails, a snapshot export answers 503 and works again once it is back", async () => {
  const dir = await Deno.makeTempDir({ prefix: "inactu-flaky-" });
  const blobs = new FlakyStore(dir);
  await using app = await createTestApp({ blobs });
  const olive = await createUser(app, { handle: "olive" });
  await publishTestVersion(app, olive, "flaky", "1.0.0", { value: 4242 });
  blobs.down = true;
  const down = await get(app, "/v1/registry/snapshot", { cookie: olive.cookie });
  assert.equal(down.res.status, 503);
  assert.deepEqual(JSON.parse(down.text), {
    error: "blob storage is unavailable; try again shortly",
  });
  blobs.down = false;
  const up = await get(app, "/v1/registry/snapshot", { cookie: olive.cookie });
  assert.equal(up.res.status, 200);
  await Deno.remove(dir, { recursive: true });
});
