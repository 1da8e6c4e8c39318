import { assert, assertIncludes } from "../helpers/assert.ts";
import { createTestApp } from "../helpers/app.ts";
import { asBrowser, createToken, createUser } from "../helpers/accounts.ts";
import { bundleArchive, bundleForm } from "../helpers/packages.ts";

const NAME = "policy.skill";
const CAPS = [
  { kind: "fs.read", value: "/data/in" },
  { kind: "net.http", value: "https://api.example.com/v1/items" },
];
const ALLOWING = {
  version: 1,
  trusted_signers: ["test-signer"],
  capability_ceiling: { fs: { read: ["/data"] }, net: ["https://api.example.com/v1"] },
};

async function setup() {
  const app = await createTestApp();
  const user = await createUser(app);
  const res = await app.request(`/v1/packages/${NAME}/versions`, {
    method: "POST",
    headers: asBrowser(app, user.cookie, false),
    body: bundleForm(await bundleArchive(NAME, "1.0.0", { capabilities: CAPS }), {
      visibility: "public",
    }),
  });
  assert.equal(res.status, 201);
  await res.body?.cancel();
  return { app, user };
}

Deno.test("the API checks a version against a policy: each capability and signer, and one verdict", async () => {
  const { app, user } = await setup();
  await using _ = app;
  const token = await createToken(app, user, ["packages:read"]);
  const check = (policy: unknown) =>
    app.request(`/v1/packages/${NAME}/versions/1.0.0/check`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: JSON.stringify({ policy }),
    });
  const allowed = await (await check(ALLOWING)).json();
  assert.equal(allowed.allowed, true);
  assert.deepEqual(allowed.signers, [{ signer: "test-signer", trusted: true }]);

  const narrow = { ...ALLOWING, capability_ceiling: { fs: { read: ["/data/out"] } } };
  const denied = await (await check(narrow)).json();
  assert.equal(denied.allowed, false);
  assert.deepEqual(denied.capabilities.map((c: { allowed: boolean }) => c.allowed), [false, false]);

  // YAML text, as policy files are written; a stranger signer is not trusted.
  const yaml = "version: 1\ntrusted_signers: [someone.else]\ncapability_ceiling:\n" +
    "  fs: {read: [/]}\n  net: [https://api.example.com]\n";
  const untrusted = await (await check(yaml)).json();
  assert.deepEqual([untrusted.allowed, untrusted.trusted_signer], [false, false]);

  const bad = await check({ version: 2 });
  assert.equal(bad.status, 400);
  assertIncludes((await bad.json()).error, "invalid policy:");
});

Deno.test("the version pages check a pasted policy and show the verdict", async () => {
  const { app, user } = await setup();
  await using _ = app;
  const yaml = "version: 1\ntrusted_signers: [test-signer]\ncapability_ceiling:\n" +
    "  fs: {read: [/data]}\n";
  for (
    const [path, cookie] of [[`/packages/${NAME}/versions/1.0.0`, user.cookie], [
      `/@${user.handle}/${NAME}/versions/1.0.0`,
      null,
    ]] as const
  ) {
    const headers = asBrowser(app, cookie ?? "", false);
    if (!cookie) delete headers.cookie;
    const res = await app.request(path, {
      method: "POST",
      headers,
      body: new URLSearchParams({ policy: yaml }),
    });
    assert.equal(res.status, 200, path);
    const page = await res.text();
    assertIncludes(page, "Not allowed by this policy");
    assertIncludes(page, "net.http https://api.example.com/v1/items</code> is outside");
    const invalid = await app.request(path, {
      method: "POST",
      headers,
      body: new URLSearchParams({ policy: "version: [" }),
    });
    assert.equal(invalid.status, 400);
    assertIncludes(await invalid.text(), "invalid policy: the policy text is not valid YAML");
  }
});
