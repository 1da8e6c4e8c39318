// docs/security.md D2: write transactions are short and hold no network call. The app writes
// through single statements and db.batch (no interactive transaction), so a network call
// could only sit inside a write by running while a batch is in flight. Here the blob store
// and the mailer are doubles that note whether a batch (or a transaction) was open when they
// were called, and the publish's blob writes must all come before the row that names them.
import { assert } from "../helpers/assert.ts";
import { createTestApp, type TestApp } from "../helpers/app.ts";
import { asBrowser, createUser, postJson, tokenFromMail } from "../helpers/accounts.ts";
import { bundleArchive, bundleForm } from "../helpers/packages.ts";
import type { BlobInfo, BlobStore } from "@/lib/artifacts/blob_store.ts";
import { LocalBlobStore } from "@/lib/artifacts/local_store.ts";
import { collectGarbage } from "@/lib/artifacts/gc.ts";
import { STAGED_UPLOAD_TTL_MS } from "@/lib/packages/staged_uploads.ts";

/** Counts the batches and transactions in flight on the app's database handle. */
class WriteWatch {
  open = 0;
  readonly calls: string[] = [];
  readonly inside: string[] = [];
  /** Version rows that existed when each blob was written. */
  readonly versionsAtPut: number[] = [];
  app: TestApp | null = null;

  attach(app: TestApp) {
    this.app = app;
    const db = app.services.db as unknown as Record<string, (...args: unknown[]) => unknown>;
    for (const method of ["batch", "transaction"] as const) {
      const original = db[method]!.bind(db);
      db[method] = (...args: unknown[]) => {
        this.open++;
        return Promise.resolve(original(...args)).finally(() => this.open--);
      };
    }
    const send = app.mailer.send.bind(app.mailer);
    app.mailer.send = (message) => {
      this.note(`mail to ${message.to}`);
      return send(message);
    };
  }

  note(call: string) {
    this.calls.push(call);
    if (this.open > 0) this.inside.push(call);
  }
}

/** A local blob store that reports each call to the watch. */
class WatchedStore implements BlobStore {
  constructor(readonly inner: BlobStore, readonly watch: WriteWatch) {}
  async put(digest: string, bytes: Uint8Array, options?: { contentType?: string }) {
    this.watch.note(`put ${digest}`);
    const rows = await this.watch.app!.services.database.client.execute(
      "SELECT count(*) AS n FROM package_versions",
    );
    this.watch.versionsAtPut.push(Number(rows.rows[0]!.n));
    return this.inner.put(digest, bytes, options) as Promise<BlobInfo>;
  }
  get(digest: string) {
    this.watch.note(`get ${digest}`);
    return this.inner.get(digest);
  }
  head(digest: string) {
    this.watch.note(`head ${digest}`);
    return this.inner.head(digest);
  }
  delete(digest: string) {
    this.watch.note(`delete ${digest}`);
    return this.inner.delete(digest);
  }
}

Deno.test("publishing, staging, collecting and mailing make no blob store or mail call while a database write is open", async () => {
  const dir = await Deno.makeTempDir({ prefix: "inactu-d2-" });
  const watch = new WriteWatch();
  await using app = await createTestApp({
    blobs: new WatchedStore(new LocalBlobStore(dir), watch),
  });
  watch.attach(app);
  try {
    // Mail: sign-up, resend, forgot-password, reset.
    const user = await createUser(app);
    await postJson(app, "/v1/auth/verify/resend", { email: user.email });
    await postJson(app, "/v1/auth/password/forgot", { email: user.email });
    const token = tokenFromMail(app, user.email, "/reset");
    const reset = await postJson(app, "/v1/auth/password/reset", {
      token,
      password: "another long passphrase",
    });
    assert.equal(reset.status, 200);
    const cookie = (await createUser(app)).cookie;

    // Publish through the API: both blobs are written before the version row exists.
    const api = await app.request("/v1/packages/d2.api/versions", {
      method: "POST",
      headers: asBrowser(app, cookie, false),
      body: bundleForm(await bundleArchive("d2.api", "1.0.0")),
    });
    assert.equal(api.status, 201, await api.text());
    assert.equal(watch.versionsAtPut.length, 2);
    assert.deepEqual(watch.versionsAtPut, [0, 0]);

    // Publish through the form: stage, review, confirm.
    const staged = await app.request("/packages/new", {
      method: "POST",
      headers: asBrowser(app, cookie, false),
      body: bundleForm(await bundleArchive("d2.form", "1.0.0")),
    });
    assert.equal(staged.status, 303, await staged.text());
    const review = staged.headers.get("location")!;
    assert.equal((await app.request(review, { headers: { cookie } })).status, 200);
    const confirm = await app.request(review, {
      method: "POST",
      headers: asBrowser(app, cookie, false),
      body: new URLSearchParams({ visibility: "private" }),
    });
    assert.equal(confirm.status, 303, await confirm.text());
    assert.deepEqual(watch.versionsAtPut.slice(-2), [1, 1]);

    // Collection of what expired: an upload never confirmed is deleted.
    const abandoned = await app.request("/packages/new", {
      method: "POST",
      headers: asBrowser(app, cookie, false),
      body: bundleForm(await bundleArchive("d2.abandoned", "1.0.0")),
    });
    assert.equal(abandoned.status, 303, await abandoned.text());
    app.clock.advance(STAGED_UPLOAD_TTL_MS * 3);
    const collected = await collectGarbage(app.services.db, app.services.blobs, {
      now: app.clock.now(),
      graceMs: 0,
    });
    assert.ok(watch.calls.some((c) => c.startsWith("delete")), JSON.stringify(collected));
  } finally {
    await Deno.remove(dir, { recursive: true }).catch(() => {});
  }
  const kinds = new Set(watch.calls.map((c) => c.split(" ")[0]));
  for (const kind of ["mail", "put", "get", "head", "delete"]) {
    assert.ok(kinds.has(kind), `no ${kind} call was seen: ${[...kinds].join(", ")}`);
  }
  assert.deepEqual(watch.inside, [], "calls made while a database write was open");
});
