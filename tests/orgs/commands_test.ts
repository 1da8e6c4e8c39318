// The organization commands' rules, through the API: handles, invitations, roles, teams, and
// the organization's audit log.
import { assert } from "../helpers/assert.ts";
import { createUser } from "../helpers/accounts.ts";
import { eq } from "drizzle-orm";
import { auditEvents, orgInvitations, owners } from "@/lib/db/schema.ts";
import { sha256Hex } from "@/lib/auth/secrets.ts";
import { DAY } from "@/lib/time.ts";
import { acme, addMember, api, invitationFromMail, makeOrg, orgApp } from "./helpers.ts";

Deno.test("an organization's handle follows the user handle rules and shares their namespace", async () => {
  await using app = await orgApp();
  const olga = await createUser(app, { handle: "olga" });
  const create = (handle: string) =>
    api(app, olga, "POST", "/v1/orgs", { handle, display_name: "X" });
  const reserved = await create("settings");
  assert.equal(reserved.status, 400);
  assert.match((await reserved.json()).error, /reserved/);
  assert.equal((await create("a")).status, 400);
  const taken = await create("olga");
  assert.equal(taken.status, 409);
  assert.equal((await taken.json()).error, "handle: is taken; choose another");
  assert.equal((await create("Acme")).status, 201);
  assert.equal((await create("acme")).status, 409);
  const [row] = await app.services.db.select().from(owners).where(eq(owners.handle, "acme"));
  assert.equal(row?.kind, "org");
});

Deno.test("only a verified account can create an organization", async () => {
  await using app = await orgApp();
  const newcomer = await createUser(app, { verified: false });
  const res = await api(app, newcomer, "POST", "/v1/orgs", { handle: "acme", display_name: "A" });
  assert.equal(res.status, 403);
  assert.match((await res.json()).error, /verify your email address/);
});

Deno.test("an invitation is mailed with its link on its own line, stored hashed, and works once", async () => {
  await using app = await orgApp();
  const olga = await createUser(app, { handle: "olga" });
  const mia = await createUser(app, { handle: "mia" });
  await makeOrg(app, olga, "acme");
  const sent = await api(app, olga, "POST", "/v1/orgs/acme/members", { email: mia.email });
  assert.equal(sent.status, 201);
  const { id, token } = invitationFromMail(app, mia.email);
  const lines = app.mailer.lastTo(mia.email).text.split("\n");
  assert.ok(lines.some((l) => l === `${app.config.publicOrigin}/invitations/${id}?token=${token}`));
  const [stored] = await app.services.db.select().from(orgInvitations);
  assert.equal(stored!.tokenHash, sha256Hex(token));
  assert.equal(stored!.expiresAt.getTime() - stored!.createdAt.getTime(), 7 * DAY);
  assert.ok(!JSON.stringify(stored).includes(token));
  const accept = () => api(app, mia, "POST", `/v1/invitations/${id}/accept`, { token });
  assert.equal((await accept()).status, 200);
  assert.equal((await accept()).status, 404);
  const members = await (await api(app, mia, "GET", "/v1/orgs/acme/members")).json();
  assert.deepEqual(members.members.map((m: { user: string }) => m.user), ["olga", "mia"]);
});

Deno.test("an invitation cannot be accepted by another account, with a wrong token, once revoked or once expired", async () => {
  await using app = await orgApp();
  const olga = await createUser(app, { handle: "olga" });
  const mia = await createUser(app, { handle: "mia" });
  const nora = await createUser(app, { handle: "nora" });
  await makeOrg(app, olga, "acme");
  await api(app, olga, "POST", "/v1/orgs/acme/members", { email: mia.email });
  const { id } = invitationFromMail(app, mia.email);
  assert.equal((await api(app, nora, "POST", `/v1/invitations/${id}/accept`)).status, 404);
  const wrong = await api(app, mia, "POST", `/v1/invitations/${id}/accept`, { token: "nope" });
  assert.equal(wrong.status, 404);
  app.clock.advance(7 * DAY + 1);
  assert.equal((await api(app, mia, "POST", `/v1/invitations/${id}/accept`)).status, 404);
  // A new invitation, revoked before it is accepted.
  await api(app, olga, "POST", "/v1/orgs/acme/members", { email: mia.email });
  const second = invitationFromMail(app, mia.email);
  const revoked = await api(app, olga, "DELETE", `/v1/orgs/acme/invitations/${second.id}`);
  assert.equal(revoked.status, 204);
  assert.equal((await api(app, mia, "POST", `/v1/invitations/${second.id}/accept`)).status, 404);
});

Deno.test("an unverified account cannot accept an invitation to its address", async () => {
  await using app = await orgApp();
  const olga = await createUser(app, { handle: "olga" });
  const late = await createUser(app, { verified: false });
  await makeOrg(app, olga, "acme");
  await api(app, olga, "POST", "/v1/orgs/acme/members", { email: late.email });
  const { id } = invitationFromMail(app, late.email);
  assert.equal((await api(app, late, "POST", `/v1/invitations/${id}/accept`)).status, 404);
});

Deno.test("the last owner can neither leave nor be demoted; once another owner exists, the demotion works", async () => {
  await using app = await orgApp();
  const { owner, admin } = await acme(app);
  const leave = await app.request("/orgs/acme/members", {
    method: "POST",
    headers: { cookie: owner.cookie, origin: app.config.publicOrigin },
    body: new URLSearchParams({ action: "leave" }),
  });
  assert.equal(leave.status, 409);
  assert.match(await leave.text(), /at least one owner/);
  const promote = await api(app, owner, "PATCH", "/v1/orgs/acme/members/adam", { role: "owner" });
  assert.equal(promote.status, 200);
  const demote = await api(app, admin, "PATCH", "/v1/orgs/acme/members/olga", { role: "member" });
  assert.equal(demote.status, 200);
  const last = await api(app, admin, "PATCH", "/v1/orgs/acme/members/adam", { role: "admin" });
  assert.equal(last.status, 409);
});

Deno.test("an admin manages members but not owners", async () => {
  await using app = await orgApp();
  const { admin } = await acme(app);
  const res = await api(app, admin, "DELETE", "/v1/orgs/acme/members/olga");
  assert.equal(res.status, 403);
  assert.equal(
    (await res.json()).error,
    "your role in this organization cannot manage the organization's owners",
  );
  assert.equal(
    (await api(app, admin, "PATCH", "/v1/orgs/acme/members/mia", { role: "admin" })).status,
    200,
  );
  assert.equal(
    (await api(app, admin, "PATCH", "/v1/orgs/acme/members/mia", { role: "owner" })).status,
    403,
  );
});

Deno.test("teams take members of the organization and grants on its packages only", async () => {
  await using app = await orgApp();
  const { owner, outsider } = await acme(app);
  assert.equal(
    (await api(app, owner, "POST", "/v1/orgs/acme/teams", { slug: "core", name: "Core" })).status,
    201,
  );
  assert.equal(
    (await api(app, owner, "POST", "/v1/orgs/acme/teams", { slug: "core", name: "Again" })).status,
    409,
  );
  assert.equal((await api(app, owner, "PUT", "/v1/orgs/acme/teams/core/members/mia")).status, 204);
  const stranger = await api(
    app,
    owner,
    "PUT",
    `/v1/orgs/acme/teams/core/members/${outsider.handle}`,
  );
  assert.equal(stranger.status, 400);
  const grant = await api(app, owner, "PUT", "/v1/orgs/acme/teams/core/packages/nothing", {
    permission: "publish",
  });
  assert.equal(grant.status, 404);
  const bad = await api(app, owner, "PUT", "/v1/orgs/acme/teams/core/packages/x", {
    permission: "write",
  });
  assert.equal(bad.status, 400);
  assert.equal(
    (await api(app, owner, "PATCH", "/v1/orgs/acme/teams/core", { name: "Core team" })).status,
    200,
  );
  const team = await (await api(app, owner, "GET", "/v1/orgs/acme/teams/core")).json();
  assert.deepEqual(team.members, ["mia"]);
  assert.equal(team.name, "Core team");
  // Removing mia from the organization takes her team seats with her.
  assert.equal((await api(app, owner, "DELETE", "/v1/orgs/acme/members/mia")).status, 204);
  const after = await (await api(app, owner, "GET", "/v1/orgs/acme/teams/core")).json();
  assert.deepEqual(after.members, []);
  assert.equal((await api(app, owner, "DELETE", "/v1/orgs/acme/teams/core")).status, 204);
});

Deno.test("every role change is recorded in the organization's audit log, by who made it", async () => {
  await using app = await orgApp();
  const { owner, admin } = await acme(app);
  await api(app, admin, "PATCH", "/v1/orgs/acme/members/mia", { role: "admin" });
  const [org] = await app.services.db.select().from(owners).where(eq(owners.handle, "acme"));
  const events = await app.services.db.select().from(auditEvents).where(
    eq(auditEvents.ownerId, org!.id),
  );
  const actions = events.map((e) => e.action);
  assert.deepEqual(actions, [
    "org.create",
    "org.invite",
    "org.invitation_accept",
    "org.invite",
    "org.invitation_accept",
    "org.member_role",
  ]);
  const change = events.at(-1)!;
  assert.equal(change.actorUserId, admin.userId);
  assert.deepEqual(change.metadata, { handle: "mia", from: "member", to: "admin" });
  // A refused change records nothing.
  await api(app, owner, "PATCH", "/v1/orgs/acme/members/olga", { role: "member" });
  const again = await app.services.db.select().from(auditEvents).where(
    eq(auditEvents.ownerId, org!.id),
  );
  assert.equal(again.length, events.length);
});

Deno.test("an invitation appears on the invitee's dashboard and can be accepted there without JavaScript", async () => {
  await using app = await orgApp();
  const olga = await createUser(app, { handle: "olga" });
  const mia = await createUser(app, { handle: "mia" });
  await makeOrg(app, olga, "acme");
  await api(app, olga, "POST", "/v1/orgs/acme/members", { email: mia.email, role: "admin" });
  const { id } = invitationFromMail(app, mia.email);
  const dash = await (await app.request("/dashboard", { headers: { cookie: mia.cookie } })).text();
  assert.ok(dash.includes(`action="/invitations/${id}"`), "no accept form on the dashboard");
  const res = await app.request(`/invitations/${id}`, {
    method: "POST",
    headers: { cookie: mia.cookie, origin: app.config.publicOrigin },
    body: new URLSearchParams({ action: "accept" }),
  });
  assert.equal(res.status, 303);
  assert.equal(res.headers.get("location"), "/orgs/acme?notice=joined");
  const me = await (await api(app, mia, "GET", "/v1/orgs/acme")).json();
  assert.equal(me.role, "admin");
  void addMember;
});

Deno.test("the public page of an organization shows its display name", async () => {
  await using app = await orgApp();
  const olga = await createUser(app, { handle: "olga" });
  await makeOrg(app, olga, "acme");
  const html = await (await app.request("/@acme")).text();
  assert.ok(html.includes("acme Inc"));
});
