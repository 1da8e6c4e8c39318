// docs/security.md "Durability and consistency": every version row has its blob; a failed publish
// leaves no version row; concurrent publishes of one version give exactly one success;
// orphan blobs are never served and are collected after the grace period.
import { assert, assertIncludes } from "../helpers/assert.ts";
import { createTestApp } from "../helpers/app.ts";
import { asBrowser, createUser } from "../helpers/accounts.ts";
import { bundleArchive, bundleForm } from "../helpers/packages.ts";
import {
  type BlobInfo,
  type BlobStore,
  BlobStoreUnavailableError,
} from "@/lib/artifacts/blob_store.ts";
import { LocalBlobStore } from "@/lib/artifacts/local_store.ts";
import { collectGarbage } from "@/lib/artifacts/gc.ts";

class FailingStore implements BlobStore {
  put(): Promise<BlobInfo> {
    return Promise.reject(new BlobStoreUnavailableError("the store is down"));
  }
  get() {
    return Promise.resolve(null);
  }
  head() {
    return Promise.resolve(null);
  }
  delete() {
    return Promise.resolve();
  }
}

async function count(
  app: {
    services: {
      database: { client: { execute(sql: string): Promise<{ rows: Record<string, unknown>[] }> } };
    };
  },
  table: string,
) {
  return Number(
    (await app.services.database.client.execute(`SELECT count(*) AS n FROM ${table}`)).rows[0]!.n,
  );
}

Deno.test("when the blob store fails, publish answers 503 and records no version or package", async () => {
  await using app = await createTestApp({ blobs: new FailingStore() });
  const user = await createUser(app);
  const res = await app.request("/v1/packages/down.skill/versions", {
    method: "POST",
    headers: asBrowser(app, user.cookie, false),
    body: bundleForm(await bundleArchive("down.skill", "1.0.0")),
  });
  assert.equal(res.status, 503);
  assertIncludes((await res.json()).error, "blob storage is unavailable, so nothing was published");
  assert.equal(await count(app, "package_versions"), 0);
  assert.equal(await count(app, "packages"), 0);
});

/** Every file under `dir`, relative to it; none when the folder does not exist. */
async function filesUnder(dir: string, prefix = ""): Promise<string[]> {
  const out: string[] = [];
  try {
    for await (const entry of Deno.readDir(`${dir}/${prefix}`)) {
      const path = `${prefix}${entry.name}`;
      if (entry.isDirectory) out.push(...await filesUnder(dir, `${path}/`));
      else out.push(path);
    }
  } catch (error) {
    if (!(error instanceof Deno.errors.NotFound)) throw error;
  }
  return out.sort();
}

Deno.test("a publish refused after its blobs started to be written leaves no file behind", async () => {
  await using app = await createTestApp();
  const user = await createUser(app);
  const unverified = await createUser(app, { verified: false });
  const archive = await bundleArchive("left.over", "1.0.0");
  // Refused by step 9 (the manifest names another package), then for the unverified address.
  const refusals = [
    { cookie: user.cookie, path: "/v1/packages/other.name/versions", status: 400 },
    { cookie: unverified.cookie, path: "/v1/packages/left.over/versions", status: 403 },
  ];
  for (const { cookie, path, status } of refusals) {
    const res = await app.request(path, {
      method: "POST",
      headers: asBrowser(app, cookie, false),
      body: bundleForm(archive),
    });
    assert.equal(res.status, status, await res.text());
  }
  assert.deepEqual(await filesUnder(`${app.dir}/blobs`), []);
  assert.equal(await count(app, "blobs"), 0);
});

Deno.test("20 concurrent publishes of the same version give exactly one 201, the rest 409, and one copy of each blob", async () => {
  await using app = await createTestApp();
  const user = await createUser(app);
  const archive = await bundleArchive("race.skill", "1.0.0");
  const results = await Promise.all(
    Array.from({ length: 20 }, () =>
      app.request("/v1/packages/race.skill/versions", {
        method: "POST",
        headers: asBrowser(app, user.cookie, false),
        body: bundleForm(archive),
      })),
  );
  const statuses = results.map((r) => r.status).sort();
  for (const r of results) await r.body?.cancel();
  assert.deepEqual(statuses, [201, ...Array(19).fill(409)]);
  assert.equal(await count(app, "package_versions"), 1);
  assert.equal(await count(app, "packages"), 1);
  assert.equal(await count(app, "blobs"), 2);
  const files = [];
  for await (const prefix of Deno.readDir(`${app.dir}/blobs/sha256`)) {
    for await (const f of Deno.readDir(`${app.dir}/blobs/sha256/${prefix.name}`)) {
      files.push(f.name);
    }
  }
  assert.equal(files.length, 2, `blob files: ${files.join(", ")}`);
});

Deno.test("a process killed between the blob write and the row insert leaves a consistent store; GC removes the orphan later", async () => {
  await using app = await createTestApp();
  const user = await createUser(app);
  const archivePath = `${app.dir}/upload.tar.gz`;
  await Deno.writeFile(archivePath, await bundleArchive("crash.skill", "1.0.0"));
  // The child publishes with a blob store that ends the process as soon as both blobs are
  // written: the moment between the bytes and the version row.
  const script = `
    import { parseConfig } from "@/lib/config.ts";
    import { openDatabase } from "@/lib/db/client.ts";
    import { LocalBlobStore } from "@/lib/artifacts/local_store.ts";
    import { getAccount } from "@/lib/auth/accounts.ts";
    import { createLogger } from "@/lib/log.ts";
    import { ConsoleMailer } from "@/lib/mail/console_mailer.ts";
    import { publish } from "@/lib/packages/publish.ts";
    const config = parseConfig({ DATABASE_URL: ${
    JSON.stringify(app.config.database.url)
  }, BLOB_DIR: ${JSON.stringify(`${app.dir}/blobs`)} });
    const database = await openDatabase(config.database);
    const local = new LocalBlobStore(${JSON.stringify(`${app.dir}/blobs`)});
    let puts = 0;
    const blobs = { ...local, get: local.get.bind(local), head: local.head.bind(local), delete: local.delete.bind(local),
      async put(d, b, o) { const r = await local.put(d, b, o); if (++puts === 2) Deno.exit(137); return r; } };
    const logger = createLogger(() => {});
    const services = { config, database, db: database.db, blobs, mailer: new ConsoleMailer(logger), clock: () => new Date(), logger };
    const account = await getAccount(database.db, ${JSON.stringify(user.userId)});
    const actor = { kind: "user", via: "session", sessionId: "s", userId: account.userId, ownerId: account.ownerId, ip: null, userAgent: null };
    await publish(services, actor, { upload: { kind: "archive", bytes: await Deno.readFile(${
    JSON.stringify(archivePath)
  }) } });
    console.log("publish finished: the crash did not happen");
  `;
  const out = await new Deno.Command(Deno.execPath(), {
    args: ["eval", "--quiet", script],
    stdout: "piped",
    stderr: "piped",
  }).output();
  assert.equal(
    out.code,
    137,
    new TextDecoder().decode(out.stderr) + new TextDecoder().decode(out.stdout),
  );

  // After the "restart": no version, no package, the orphan bytes are never served.
  assert.equal(await count(app, "package_versions"), 0);
  assert.equal(await count(app, "packages"), 0);
  assert.equal(await count(app, "blobs"), 2);
  const list = await (await app.request("/v1/packages", { headers: { cookie: user.cookie } }))
    .json();
  assert.deepEqual(list.packages, []);
  const download = await app.request("/v1/packages/crash.skill/versions/1.0.0/bundle", {
    headers: { cookie: user.cookie },
  });
  assert.equal(download.status, 404);
  await download.body?.cancel();

  const store = new LocalBlobStore(`${app.dir}/blobs`);
  const digests = (await app.services.database.client.execute("SELECT digest FROM blobs")).rows.map(
    (r) => String(r.digest),
  );
  for (const d of digests) {
    assert.ok(await store.head(d), "the bytes were written before the crash");
  }
  const soon = await collectGarbage(app.services.db, store, {
    now: new Date(Date.now() + 60_000),
    graceMs: 60 * 60 * 1000,
  });
  assert.deepEqual(soon.deleted, []);
  const later = await collectGarbage(app.services.db, store, {
    now: new Date(Date.now() + 2 * 60 * 60 * 1000),
    graceMs: 60 * 60 * 1000,
  });
  assert.deepEqual([...later.deleted].sort(), [...digests].sort());
  for (const d of digests) assert.equal(await store.head(d), null);
  assert.equal(await count(app, "blobs"), 0);

  // And the same bundle publishes normally afterwards.
  const again = await app.request("/v1/packages/crash.skill/versions", {
    method: "POST",
    headers: asBrowser(app, user.cookie, false),
    body: bundleForm(await Deno.readFile(archivePath)),
  });
  assert.equal(again.status, 201);
});

Deno.test("a busy database answers 503 with a clear message instead of hanging", async () => {
  await using app = await createTestApp({ env: { DATABASE_BUSY_TIMEOUT_MS: "200" } });
  const user = await createUser(app);
  // Another connection holds the write lock.
  const { openDatabase } = await import("@/lib/db/client.ts");
  const other = await openDatabase({ url: app.config.database.url, busyTimeoutMs: 200 });
  const tx = await other.client.transaction("write");
  try {
    await tx.execute("UPDATE owners SET handle = handle");
    const started = performance.now();
    const res = await app.request("/v1/packages", {
      method: "POST",
      headers: asBrowser(app, user.cookie),
      body: JSON.stringify({ name: "busy.skill" }),
    });
    assert.equal(res.status, 503);
    assert.equal(res.headers.get("retry-after"), "1");
    assert.deepEqual(await res.json(), { error: "the database is busy; try again in a moment" });
    assert.ok(performance.now() - started < 3000);
  } finally {
    await tx.rollback();
    other.close();
  }
  void LocalBlobStore;
});

/** A local store that records the size of every blob a publish starts writing ahead. */
class RecordingStore extends LocalBlobStore {
  prepared: number[] = [];
  override prepare(blob: Parameters<LocalBlobStore["prepare"]>[0]) {
    this.prepared.push("bytes" in blob ? blob.bytes.byteLength : blob.byteLength);
    return super.prepare(blob);
  }
}

Deno.test("a publish writes its wasm while verifying, but not for an owner already at the publish limit", async () => {
  const dir = await Deno.makeTempDir({ prefix: "inactu-recording-" });
  const store = new RecordingStore(`${dir}/blobs`);
  await using app = await createTestApp({ blobs: store });
  const user = await createUser(app);
  const publish = async (version: string) => {
    const res = await app.request("/v1/packages/limit.wasm/versions", {
      method: "POST",
      headers: asBrowser(app, user.cookie, false),
      body: bundleForm(await bundleArchive("limit.wasm", version)),
    });
    return { status: res.status, text: await res.text() };
  };
  const first = await publish("1.0.0");
  assert.equal(first.status, 201, first.text);
  // The archive and the wasm were both started before the publish was decided.
  assert.equal(store.prepared.length, 2);
  // The owner reaches the limit (as many publishes as allowed this hour, counted in the table).
  await app.services.database.client.execute({
    sql: "UPDATE rate_limits SET count = 100000 WHERE key = ?",
    args: [`publish:owner:${user.ownerId}`],
  });
  store.prepared = [];
  const refused = await publish("1.1.0");
  assert.equal(refused.status, 429, refused.text);
  assertIncludes(refused.text, "Too many publishes");
  // Only the archive was started (and removed again); the wasm never was.
  assert.equal(store.prepared.length, 1);
  assert.deepEqual(
    await filesUnder(`${dir}/blobs`).then((f) => f.filter((n) => n.includes(".tmp"))),
    [],
  );
  await Deno.remove(dir, { recursive: true });
});
