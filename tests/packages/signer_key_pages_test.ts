import { desc, eq } from "drizzle-orm";
import { encodeBase64 } from "@oslojs/encoding";
import { assert, assertIncludes } from "../helpers/assert.ts";
import { createTestApp, type TestApp } from "../helpers/app.ts";
import { asBrowser, createUser, type TestUser } from "../helpers/accounts.ts";
import { bundleArchive, bundleForm, testSigner } from "../helpers/packages.ts";
import { startSmtpServer } from "../helpers/smtp.ts";
import { generateSigner, type Signer } from "@/lib/packages/bundle/pack.ts";
import { SmtpMailer } from "@/lib/mail/smtp_mailer.ts";
import { sha256Digest } from "@/lib/artifacts/digest.ts";
import { auditEvents, packageSignerKeys } from "@/lib/db/schema.ts";

const NAME = "rotate.skill";
const READ = [{ kind: "fs.read", value: "/data" }];

async function publish(
  app: TestApp,
  user: TestUser,
  version: string,
  signers: Signer[],
  capabilities = READ,
  visibility: "private" | "public" = "public",
) {
  const res = await app.request(`/v1/packages/${NAME}/versions`, {
    method: "POST",
    headers: asBrowser(app, user.cookie, false),
    body: bundleForm(await bundleArchive(NAME, version, { signers, capabilities }), {
      visibility,
    }),
  });
  assert.equal(res.status, 201, await res.clone().text());
}

async function html(app: TestApp, user: TestUser | null, path: string) {
  const res = await app.request(path, { headers: user ? { cookie: user.cookie } : {} });
  assert.equal(res.status, 200, path);
  return await res.text();
}

Deno.test("adding a key in the settings is audited and mailed to the owner over SMTP", async () => {
  await using smtp = await startSmtpServer();
  const mailer = new SmtpMailer({ kind: "smtp", url: smtp.url, from: "x <no-reply@example.com>" });
  await using app = await createTestApp();
  const user = await createUser(app);
  app.mailer.forward = mailer;
  await publish(app, user, "1.0.0", [await testSigner()]);
  const next = await generateSigner("ci.signer");
  const fingerprint = await sha256Digest(next.publicKey);
  const arrival = smtp.nextMail();
  const res = await app.request(`/packages/${NAME}/keys`, {
    method: "POST",
    headers: asBrowser(app, user.cookie, false),
    body: new URLSearchParams({
      action: "add",
      signer: "ci.signer",
      public_key: encodeBase64(next.publicKey),
    }),
  });
  assert.equal(res.status, 303, await res.text());
  const mail = await arrival;
  mailer.close();
  assert.deepEqual(mail.to, [user.email]);
  assert.equal(mail.headers.get("subject"), `A signer key of ${NAME} was added`);
  assertIncludes(mail.text, fingerprint);
  assertIncludes(mail.text, `@${user.handle} pinned a new signer key`);
  const [event] = await app.services.db.select().from(auditEvents)
    .orderBy(desc(auditEvents.id)).limit(1);
  assert.equal(event!.action, "package.key_add");
  assert.deepEqual(event!.metadata, { package: NAME, signer: "ci.signer", fingerprint });
  const page = await html(app, user, res.headers.get("location")!);
  assertIncludes(page, "The key is pinned");
  assertIncludes(page, fingerprint);
  assertIncludes(page, "added in the package settings on");
  // The new key alone now signs a version.
  await publish(app, user, "1.1.0", [next]);
});

Deno.test("a rotation by overlap is shown on the version page and the package pages", async () => {
  await using app = await createTestApp();
  const user = await createUser(app);
  const old = await testSigner();
  const next = await generateSigner("next.signer");
  await publish(app, user, "1.0.0", [old]);
  const before = await html(app, null, `/@${user.handle}/${NAME}`);
  assertIncludes(before, "Same keys since 1.0.0");
  // Public pages are cached by the package's updated_at: let the publish move it.
  app.clock.advance(1000);
  await publish(app, user, "1.3.0", [old, next]);
  const version = await html(app, user, `/packages/${NAME}/versions/1.3.0`);
  assertIncludes(version, "Key rotation: 1.3.0 is signed by a pinned key and a new one");
  assertIncludes(version, "added in 1.3.0 by rotation");
  assertIncludes(version, await sha256Digest(next.publicKey));
  const first = await html(app, null, `/@${user.handle}/${NAME}/versions/1.0.0`);
  assertIncludes(first, "The first version: 1.0.0 pinned the keys that signed it.");
  assertIncludes(first, "pinned by the first publish, 1.0.0");
  const pkg = await html(app, null, `/@${user.handle}/${NAME}`);
  assert.ok(!pkg.includes("Same keys since"), "the keys changed");
  assertIncludes(pkg, "added in 1.3.0 by rotation");
  assertIncludes(pkg, `href="/@${user.handle}/${NAME}/versions/1.3.0"`);
  const owner = await html(app, user, `/packages/${NAME}`);
  assertIncludes(owner, `href="/packages/${NAME}/versions/1.3.0"`);
});

Deno.test("the review step shows the key match and a capability increase before the user confirms", async () => {
  await using app = await createTestApp();
  const user = await createUser(app);
  await publish(app, user, "1.0.0", [await testSigner()]);
  const wider = [
    { kind: "fs.read", value: "/" },
    { kind: "net.http", value: "https://api.example.com/v1" },
  ];
  const staged = await app.request("/packages/new", {
    method: "POST",
    headers: asBrowser(app, user.cookie, false),
    body: bundleForm(
      await bundleArchive(NAME, "1.1.0", { signers: [await testSigner()], capabilities: wider }),
    ),
  });
  assert.equal(staged.status, 303);
  const review = await html(app, user, staged.headers.get("location")!);
  assertIncludes(review, "Every key that signed this bundle is pinned for the package.");
  assertIncludes(review, "more capabilities");
  assertIncludes(review, "Asks for more than 1.0.0:");
  assertIncludes(review, "/data → /");
  assertIncludes(review, "https://api.example.com/v1");
  // Publish it: the version list marks it.
  const confirm = await app.request(staged.headers.get("location")!, {
    method: "POST",
    headers: asBrowser(app, user.cookie, false),
    body: new URLSearchParams({}),
  });
  assert.equal(confirm.status, 303);
  const list = await html(app, user, `/packages/${NAME}`);
  const row = list.slice(list.indexOf('id="v1.1.0"'), list.indexOf('id="v1.0.0"'));
  assertIncludes(row, "more capabilities");
  assert.ok(!list.slice(list.indexOf('id="v1.0.0"')).includes(">more capabilities<"));
});

Deno.test("a key-swapped upload shows the mismatch and the pinned fingerprint on the review step", async () => {
  await using app = await createTestApp();
  const user = await createUser(app);
  const pinned = await testSigner();
  await publish(app, user, "1.0.0", [pinned]);
  const staged = await app.request("/packages/new", {
    method: "POST",
    headers: asBrowser(app, user.cookie, false),
    body: bundleForm(
      await bundleArchive(NAME, "2.0.0", { signers: [await generateSigner("test-signer")] }),
    ),
  });
  const review = await html(app, user, staged.headers.get("location")!);
  assertIncludes(review, "The keys do not match.");
  assertIncludes(review, await sha256Digest(pinned.publicKey));
  assert.ok(!review.includes("Publish 2.0.0"), "no confirm button");
});

Deno.test("a package published before pinning reads its keys from its versions and stores them on the next publish", async () => {
  await using app = await createTestApp();
  const user = await createUser(app);
  const old = await testSigner();
  await publish(app, user, "1.0.0", [old]);
  // As before this change: versions, and no pinned rows.
  await app.services.db.delete(packageSignerKeys);
  const keys = await (await app.request(`/v1/packages/${NAME}/keys`, {
    headers: asBrowser(app, user.cookie),
  })).json();
  assert.deepEqual(
    keys.keys.map((k: Record<string, unknown>) => [k.signer, k.added_via, k.added_in_version]),
    [["test-signer", "first_publish", "1.0.0"]],
  );
  const res = await app.request(`/v1/packages/${NAME}/versions`, {
    method: "POST",
    headers: asBrowser(app, user.cookie, false),
    body: bundleForm(
      await bundleArchive(NAME, "1.1.0", { signers: [await generateSigner("test-signer")] }),
    ),
  });
  assert.equal(res.status, 409);
  await res.body?.cancel();
  await publish(app, user, "1.2.0", [old, await generateSigner("b")]);
  const rows = await app.services.db.select().from(packageSignerKeys)
    .where(eq(packageSignerKeys.status, "active"));
  assert.deepEqual(rows.map((r) => r.addedVia).sort(), ["first_publish", "rotation"]);
});
