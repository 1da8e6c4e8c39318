// Shared steps of the organization tests: an app with ORGS_ENABLED, an organization made
// through the API, and members who joined through a mailed invitation.
import { assert } from "../helpers/assert.ts";
import { createTestApp, type TestApp } from "../helpers/app.ts";
import { asBrowser, createUser, type TestUser } from "../helpers/accounts.ts";

export const ORGS_ON = { ORGS_ENABLED: "true" };

export function orgApp(): Promise<TestApp> {
  return createTestApp({ env: ORGS_ON });
}

/** Sends JSON as the user's browser session. */
export async function api(
  app: TestApp,
  user: TestUser | null,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<Response> {
  const base = user ? asBrowser(app, user.cookie) : { origin: app.config.publicOrigin };
  return await app.request(path, {
    method,
    headers: {
      ...base,
      ...(body === undefined ? {} : { "content-type": "application/json" }),
      ...headers,
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

/** Creates the organization `handle` with `owner` as its owner. */
export async function makeOrg(app: TestApp, owner: TestUser, handle: string): Promise<void> {
  const res = await api(app, owner, "POST", "/v1/orgs", { handle, display_name: `${handle} Inc` });
  assert.equal(res.status, 201, await res.text());
}

/** The invitation id and token from the last invitation mailed to `email`. */
export function invitationFromMail(app: TestApp, email: string): { id: string; token: string } {
  const text = app.mailer.lastTo(email).text;
  const link = text.split("\n").find((l) => l.includes("/invitations/"));
  assert.ok(link, `no invitation link in:\n${text}`);
  const url = new URL(link!.trim());
  return { id: url.pathname.split("/").pop()!, token: url.searchParams.get("token")! };
}

/** Invites `user` with `role` (as `by`) and accepts as `user`. */
export async function addMember(
  app: TestApp,
  org: string,
  by: TestUser,
  user: TestUser,
  role: "owner" | "admin" | "member",
): Promise<void> {
  const invite = await api(app, by, "POST", `/v1/orgs/${org}/members`, { email: user.email, role });
  assert.equal(invite.status, 201, await invite.text());
  const { id } = invitationFromMail(app, user.email);
  const accept = await api(app, user, "POST", `/v1/invitations/${id}/accept`);
  assert.equal(accept.status, 200, await accept.text());
}

/** An org "acme" with an owner, an admin, a member and an outsider. */
export async function acme(app: TestApp) {
  const owner = await createUser(app, { handle: "olga" });
  const admin = await createUser(app, { handle: "adam" });
  const member = await createUser(app, { handle: "mia" });
  const outsider = await createUser(app, { handle: "nora" });
  await makeOrg(app, owner, "acme");
  await addMember(app, "acme", owner, admin, "admin");
  await addMember(app, "acme", owner, member, "member");
  return { owner, admin, member, outsider };
}
