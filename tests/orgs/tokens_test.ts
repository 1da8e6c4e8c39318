// API tokens that act for one owner (docs/adr/0010): made for the user or one organization
// they belong to, refused on every other owner's resource like a missing one, never more than
// the user's current role, revoked with the membership, and listed and revoked by org admins.
import { assert } from "../helpers/assert.ts";
import type { TestApp } from "../helpers/app.ts";
import { createToken, type TestUser } from "../helpers/accounts.ts";
import { acme, api, orgApp } from "./helpers.ts";

const ALL = ["packages:read", "contexts:read", "contexts:write", "audit:read"];

function bearer(app: TestApp, token: string, method: string, path: string, body?: unknown) {
  return app.request(path, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body === undefined ? {} : { "content-type": "application/json" }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

async function json(res: Response, status: number) {
  const text = await res.text();
  assert.equal(res.status, status, text);
  return text ? JSON.parse(text) : null;
}

/** Registers a context through the API with `token`; returns its id. */
async function register(app: TestApp, token: string): Promise<string> {
  const body = await json(
    await bearer(app, token, "POST", "/v1/contexts", { status: "running", region: "eu" }),
    201,
  );
  return body.context.id;
}

/** A context of the user's own, registered from their browser session. */
async function ownContext(app: TestApp, user: TestUser): Promise<string> {
  const res = await api(app, user, "POST", "/v1/contexts", { status: "running", region: "home" });
  return (await json(res, 201)).context.id;
}

Deno.test("a token made for an organization registers the org's contexts and reads nothing of its user's own", async () => {
  await using app = await orgApp();
  const { owner } = await acme(app);
  const mine = await ownContext(app, owner);
  const token = await createToken(app, owner, ALL, "acme runtime", "acme");
  const id = await register(app, token);
  // The context is the organization's: in its list, not in the user's own.
  const theirs = await json(await api(app, owner, "GET", "/v1/contexts?owner=acme"), 200);
  assert.deepEqual(theirs.contexts.map((c: { id: string }) => c.id), [id]);
  const own = await json(await api(app, owner, "GET", "/v1/contexts"), 200);
  assert.deepEqual(own.contexts.map((c: { id: string }) => c.id), [mine]);
  // The token's default list is the organization's; the user's own things read as missing.
  const listed = await json(await bearer(app, token, "GET", "/v1/contexts"), 200);
  assert.deepEqual(listed.contexts.map((c: { id: string }) => c.id), [id]);
  const missing = await bearer(
    app,
    token,
    "GET",
    "/v1/contexts/00000000-0000-4000-8000-000000000000",
  );
  const hidden = await bearer(app, token, "GET", `/v1/contexts/${mine}`);
  assert.equal(hidden.status, 404);
  assert.deepEqual(await hidden.json(), await missing.json());
  assert.equal((await bearer(app, token, "GET", `/v1/contexts?owner=${owner.handle}`)).status, 404);
  assert.equal((await bearer(app, token, "GET", "/v1/audit")).status, 404);
  // It still says who it is and for whom it acts.
  const me = await json(await bearer(app, token, "GET", "/v1/auth/me"), 200);
  assert.deepEqual(me.auth.owner, { handle: "acme", kind: "org" });
  // The org's audit log records the registration and the token's creation.
  const log = await json(await api(app, owner, "GET", "/v1/orgs/acme/audit"), 200);
  const actions = log.events.map((e: { action: string }) => e.action);
  assert.ok(actions.includes("context.create") && actions.includes("token.create"), actions);
});

Deno.test("a token of the user's own reads nothing of their organization, as if it did not exist", async () => {
  await using app = await orgApp();
  const { owner } = await acme(app);
  const orgToken = await createToken(app, owner, ALL, "acme", "acme");
  const id = await register(app, orgToken);
  const own = await createToken(app, owner, ALL);
  for (const path of [`/v1/contexts/${id}`, "/v1/orgs/acme", "/v1/contexts?owner=acme"]) {
    assert.equal((await bearer(app, own, "GET", path)).status, 404, path);
  }
  assert.equal((await bearer(app, orgToken, "GET", "/v1/orgs/acme")).status, 200);
});

Deno.test("a token can act only for its user or an organization they belong to, with one answer for any other", async () => {
  await using app = await orgApp();
  const { owner, outsider } = await acme(app);
  const message = "owner: Owner must be your own handle or the handle of an organization you " +
    "belong to";
  for (const handle of ["acme", "no-such-org", owner.handle]) {
    const res = await api(app, outsider, "POST", "/v1/tokens", {
      name: "x",
      scopes: ["packages:read"],
      owner: handle,
    });
    assert.equal(res.status, 400, handle);
    assert.equal((await res.json()).error, message);
  }
  const tokens = await json(await api(app, outsider, "GET", "/v1/tokens"), 200);
  assert.equal(tokens.tokens.length, 0);
  const made = await json(
    await api(app, outsider, "POST", "/v1/tokens", {
      name: "mine",
      scopes: ["packages:read"],
      owner: outsider.handle,
    }),
    201,
  );
  assert.deepEqual(made.owner, { handle: outsider.handle, kind: "user" });
});

Deno.test("a token never does more than its user's current role: a demoted admin's token loses the audit log on the next request", async () => {
  await using app = await orgApp();
  const { owner, admin } = await acme(app);
  const token = await createToken(app, admin, ["audit:read"], "audit", "acme");
  assert.equal((await bearer(app, token, "GET", "/v1/orgs/acme/audit")).status, 200);
  const demote = await api(app, owner, "PATCH", `/v1/orgs/acme/members/${admin.handle}`, {
    role: "member",
  });
  assert.equal(demote.status, 200);
  const after = await bearer(app, token, "GET", "/v1/orgs/acme/audit");
  assert.equal(after.status, 403);
  assert.equal(
    (await after.json()).error,
    "your role in this organization cannot read the organization's audit log",
  );
});

Deno.test("removing a member revokes their tokens for the organization at once, and their old session sees its contexts as missing", async () => {
  await using app = await orgApp();
  const { owner, member } = await acme(app);
  const token = await createToken(app, member, ALL, "mia runtime", "acme");
  const own = await createToken(app, member, ALL, "mia own");
  const id = await register(app, token);
  assert.equal((await api(app, member, "GET", `/v1/contexts/${id}`)).status, 200);
  assert.equal(
    (await api(app, owner, "DELETE", `/v1/orgs/acme/members/${member.handle}`)).status,
    204,
  );
  assert.equal((await bearer(app, token, "GET", `/v1/contexts/${id}`)).status, 401);
  assert.equal((await api(app, member, "GET", `/v1/contexts/${id}`)).status, 404);
  assert.equal((await api(app, member, "GET", `/contexts/${id}`)).status, 404);
  // Their own token keeps working; the org's is shown as revoked in both lists.
  assert.equal((await bearer(app, own, "GET", "/v1/contexts")).status, 200);
  const theirs = await json(await api(app, member, "GET", "/v1/tokens"), 200);
  assert.deepEqual(
    theirs.tokens.map((t: { name: string; status: string }) => [t.name, t.status]).sort(),
    [["mia own", "active"], ["mia runtime", "revoked"]],
  );
  const org = await json(await api(app, owner, "GET", "/v1/orgs/acme/tokens"), 200);
  assert.deepEqual(org.tokens.map((t: { user: string; status: string }) => [t.user, t.status]), [
    [member.handle, "revoked"],
  ]);
});

Deno.test("org owners and admins list and revoke the org's tokens, recorded in the org's log and the holder's; members may not", async () => {
  await using app = await orgApp();
  const { admin, member } = await acme(app);
  const token = await createToken(app, member, ["contexts:read"], "mia ci", "acme");
  await createToken(app, member, ["contexts:read"], "mia own");
  assert.equal((await api(app, member, "GET", "/v1/orgs/acme/tokens")).status, 403);
  const listed = await json(await api(app, admin, "GET", "/v1/orgs/acme/tokens"), 200);
  assert.deepEqual(listed.tokens.map((t: { name: string }) => t.name), ["mia ci"]);
  const [row] = listed.tokens;
  assert.deepEqual([row.user, row.owner, row.status], [
    member.handle,
    { handle: "acme", kind: "org" },
    "active",
  ]);
  const path = `/v1/orgs/acme/tokens/${row.id}`;
  assert.equal((await api(app, member, "DELETE", path)).status, 403);
  assert.equal((await api(app, admin, "DELETE", path)).status, 204);
  assert.equal((await bearer(app, token, "GET", "/v1/contexts")).status, 401);
  assert.equal((await api(app, admin, "DELETE", path)).status, 404);
  const orgLog = await json(await api(app, admin, "GET", "/v1/orgs/acme/audit"), 200);
  const theirLog = await json(await api(app, member, "GET", "/v1/audit"), 200);
  for (const log of [orgLog, theirLog]) {
    const event = log.events.find((e: { action: string }) => e.action === "token.revoke");
    assert.equal(event?.target_id, row.id);
  }
});

Deno.test("the org tokens page lists the org's tokens with their holders and revokes one", async () => {
  await using app = await orgApp();
  const { admin, member } = await acme(app);
  await createToken(app, member, ["contexts:read"], "mia ci", "acme");
  const page = await api(app, admin, "GET", "/orgs/acme/tokens");
  const html = await page.text();
  assert.equal(page.status, 200);
  assert.ok(html.includes("mia ci") && html.includes(`@${member.handle}`), html);
  const id = /name="id" value="([^"]+)"/.exec(html)![1]!;
  const res = await app.request("/orgs/acme/tokens", {
    method: "POST",
    headers: {
      cookie: admin.cookie,
      origin: app.config.publicOrigin,
      "content-type": "application/x-www-form-urlencoded",
    },
    body: new URLSearchParams({ action: "revoke", id }),
  });
  assert.equal(res.status, 303);
  assert.equal(res.headers.get("location"), "/orgs/acme/tokens?notice=revoked");
  assert.equal((await api(app, member, "GET", "/orgs/acme/tokens")).status, 403);
});
