// deno task import (lib/import, docs/import.md) against a real database with the real
// migrations: what an export of the old inactu control database becomes, what is reported as
// not kept and why, that a second run changes nothing, and that a dry run writes nothing.
import { count, eq } from "drizzle-orm";
import { encodeBase64 } from "@oslojs/encoding";
import { assert } from "../helpers/assert.ts";
import { createTestApp, type TestApp } from "../helpers/app.ts";
import { createUser, postJson, tokenFromMail } from "../helpers/accounts.ts";
import { bundleArchive } from "../helpers/packages.ts";
import { importExport } from "@/lib/import/run.ts";
import { formatReport, type ImportReport } from "@/lib/import/report.ts";
import { auditEvents, owners, packages, packageVersions, users } from "@/lib/db/schema.ts";

/** The fixture with its placeholders filled: real signed bundles and an over-long description. */
async function fixture(): Promise<string> {
  let text = await Deno.readTextFile(new URL("./export.jsonl", import.meta.url));
  text = text.replace("$LONG_DESCRIPTION", "x".repeat(3000));
  for (const [token, name, version] of text.matchAll(/\$BUNDLE (\S+) ([^"]+)/g)) {
    text = text.replace(token, encodeBase64(await bundleArchive(name!, version!)));
  }
  return text;
}

/** An app holding the two accounts that existed before the import. */
async function appWithExistingAccounts(): Promise<TestApp> {
  const app = await createTestApp();
  await createUser(app, { handle: "squatted", verified: false });
  await createUser(app, { handle: "member" });
  return app;
}

async function snapshot(app: TestApp) {
  const db = app.services.db;
  const rows = (
    table: typeof users | typeof packages | typeof packageVersions | typeof auditEvents,
  ) => db.select({ n: count() }).from(table).then((r) => r[0]!.n);
  return {
    users: await rows(users),
    packages: await rows(packages),
    versions: await rows(packageVersions),
    audit: await rows(auditEvents),
    rows: await db.select().from(packages).orderBy(packages.name),
  };
}

function reasons(report: ImportReport) {
  return report.items.map((x) => `${x.line} ${x.kind} ${x.item} ${x.outcome}: ${x.reason}`);
}

Deno.test("an export becomes accounts, packages and bundle versions, and the rest is reported with its reason", async () => {
  await using app = await appWithExistingAccounts();
  const report = await importExport(app.services, await fixture());
  assert.deepEqual(report.counts, {
    user: { imported: 5, unchanged: 1, refused: 2 },
    package: { imported: 3, unchanged: 0, refused: 3 },
    version: { imported: 2, unchanged: 0, refused: 6 },
    line: { imported: 0, unchanged: 0, refused: 3 },
  });
  const lines = reasons(report);
  const has = (prefix: string, text: string) =>
    assert.ok(
      lines.some((l) => l.startsWith(prefix) && l.includes(text)),
      `${prefix} ... ${text}\n${lines.join("\n")}`,
    );
  has("9 line", "email: must be an email address");
  has("10 line", "not valid JSON");
  has("11 line", 'type must be "user", "package" or "version"');
  has("3 user root@example.com changed", 'handle "admin" is taken or not allowed');
  has("4 user alice@elsewhere.example changed", "@alice-2");
  has("5 user carol.jones@example.com changed", "email not verified: the account and its");
  has("6 user ALICE@example.com refused", "the same email as line 1");
  has("7 user squatted@example.com refused", "an unverified account with this email");
  has("8 user member@example.com changed", "merged into the existing verified account");
  has("13 package Hello World! refused", "package name must be");
  has("15 package carol.notes changed", "description not kept");
  has("16 package dupe.skill refused", "its owner was not imported");
  has("17 package orphan.skill refused", "its owner u-nobody is not in the export");
  has("18 version hello.skill@0.9.0 refused", "manifest-only version");
  has("18 version", "must publish the signed bundle of this version again");
  has("21 version hello.skill@2.0.0 refused", "the bundle is version 3.0.0, not 2.0.0");
  has("22 version hello.skill@2.1.0 refused", "not valid base64");
  has("23 version bob.tool@1.0.0 refused", "the owner's email is not verified");
  has("24 version Hello World!@1.0.0 refused", "its package was not imported");
  has("25 version ?@1.0.0 refused", "its package p-missing is not in the export");
  assert.equal(report.items.length, 20);
  assert.ok(formatReport(report).includes("users: 5 imported, 1 unchanged, 2 not kept"));

  const db = app.services.db;
  const accounts = await db.select({
    email: users.email,
    handle: owners.handle,
    hash: users.passwordHash,
    verified: users.emailVerifiedAt,
  }).from(users).innerJoin(owners, eq(owners.userId, users.id)).orderBy(owners.handle);
  assert.deepEqual(accounts.filter((a) => a.hash === "!"), [
    { email: "root@example.com", handle: "admin-2", hash: "!", verified: new Date("2026-01-03") },
    {
      email: "alice@example.com",
      handle: "alice",
      hash: "!",
      verified: new Date("2026-01-02T03:04:05Z"),
    },
    { email: "alice@elsewhere.example", handle: "alice-2", hash: "!", verified: null },
    { email: "bob@example.com", handle: "bob-smith", hash: "!", verified: null },
    { email: "carol.jones@example.com", handle: "carol-jones", hash: "!", verified: null },
  ]);
  const pkgs = await db.select().from(packages).orderBy(packages.name);
  assert.deepEqual(
    pkgs.map((p) => [p.name, p.visibility, p.description, p.deprecationMessage, p.latestVersion]),
    [
      ["bob.tool", "private", "Bob's tool", "use hello.skill instead", null],
      ["carol.notes", "private", null, null, null],
      ["hello.skill", "public", "Says hello", null, "1.0.0"],
    ],
  );
  const versions = await db.select().from(packageVersions).orderBy(packageVersions.version);
  assert.deepEqual(versions.map((v) => [v.version, !!v.deprecatedAt]), [
    ["1.0.0", false],
    ["1.1.0", true],
  ]);
});

Deno.test("running the import a second time changes nothing and reports everything as unchanged or refused", async () => {
  await using app = await appWithExistingAccounts();
  const text = await fixture();
  const first = await importExport(app.services, text);
  const before = await snapshot(app);
  const second = await importExport(app.services, text);
  assert.deepEqual(await snapshot(app), before);
  assert.deepEqual(second.counts, {
    user: { imported: 0, unchanged: 6, refused: 2 },
    package: { imported: 0, unchanged: 3, refused: 3 },
    version: { imported: 0, unchanged: 2, refused: 6 },
    line: { imported: 0, unchanged: 0, refused: 3 },
  });
  const refusals = (r: ImportReport) => reasons(r).filter((l) => l.includes(" refused: "));
  assert.deepEqual(refusals(second), refusals(first));
});

Deno.test("a dry run writes nothing and reports what a real run would do", async () => {
  await using app = await appWithExistingAccounts();
  const text = await fixture();
  const before = await snapshot(app);
  const dry = await importExport(app.services, text, { dryRun: true });
  assert.deepEqual(await snapshot(app), before);
  assert.ok(formatReport(dry).startsWith("dry run: nothing was written"));
  const real = await importExport(app.services, text);
  assert.deepEqual(dry.counts, real.counts);
  assert.deepEqual(dry.items, real.items);
});

Deno.test("an imported user signs in only after choosing a password through forgot password", async () => {
  await using app = await createTestApp();
  await importExport(app.services, await fixture());
  const login = await postJson(app, "/v1/auth/login", {
    email: "bob@example.com",
    password: "!",
  });
  assert.equal(login.status, 401);
  await login.body?.cancel();
  await postJson(app, "/v1/auth/password/forgot", { email: "bob@example.com" });
  const reset = await postJson(app, "/v1/auth/password/reset", {
    token: tokenFromMail(app, "bob@example.com", "/reset"),
    password: "a new and long enough password",
  });
  assert.equal(reset.status, 200, await reset.clone().text());
  const me = await (await app.request("/v1/auth/me", {
    headers: { cookie: reset.headers.getSetCookie()[0]!.split(";")[0]! },
  })).json();
  assert.equal(me.handle ?? me.owner.handle, "bob-smith");
});
