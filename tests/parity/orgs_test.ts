// Parity of the organization commands: the organization pages' forms against /v1/orgs.
import { asc, eq } from "drizzle-orm";
import type { TestApp } from "../helpers/app.ts";
import { createUser, type TestUser } from "../helpers/accounts.ts";
import { organizations, orgInvitations, orgMembers, owners } from "@/lib/db/schema.ts";
import { addMember, makeOrg, ORGS_ON } from "../orgs/helpers.ts";
import { assertParity, type ParityCase } from "./harness.ts";

async function orgState(app: TestApp) {
  const db = app.services.db;
  const orgs = await db.select({ handle: owners.handle, name: organizations.displayName })
    .from(organizations).innerJoin(owners, eq(owners.id, organizations.ownerId));
  const members = await db.select({ handle: owners.handle, role: orgMembers.role })
    .from(orgMembers).innerJoin(owners, eq(owners.userId, orgMembers.userId))
    .orderBy(asc(owners.handle));
  const invitations = await db.select({ email: orgInvitations.email, role: orgInvitations.role })
    .from(orgInvitations);
  return {
    orgs,
    members: members.map((m) => `${m.handle.replace(/^user\d+-\w+$/, "me")}:${m.role}`),
    invitations,
  };
}

const base = { env: ORGS_ON, effect: orgState };

/** The user owns "acme", with mia as a member. */
async function withAcme(app: TestApp, user: TestUser) {
  await makeOrg(app, user, "acme");
  const mia = await createUser(app, { handle: "mia" });
  await addMember(app, "acme", user, mia, "member");
}

const CASES: ParityCase[] = [
  {
    ...base,
    name: "create an organization",
    setup: async () => {},
    form: { method: "POST", path: "/orgs/new", form: { handle: "acme", display_name: "Acme" } },
    api: { method: "POST", path: "/v1/orgs", json: { handle: "acme", display_name: "Acme" } },
  },
  {
    ...base,
    name: "create an organization with a reserved handle",
    setup: async () => {},
    form: { method: "POST", path: "/orgs/new", form: { handle: "settings", display_name: "S" } },
    api: { method: "POST", path: "/v1/orgs", json: { handle: "settings", display_name: "S" } },
  },
  {
    ...base,
    name: "create an organization with a taken handle",
    setup: async (app) => void await createUser(app, { handle: "taken" }),
    form: { method: "POST", path: "/orgs/new", form: { handle: "taken", display_name: "T" } },
    api: { method: "POST", path: "/v1/orgs", json: { handle: "taken", display_name: "T" } },
  },
  {
    ...base,
    name: "invite someone",
    setup: withAcme,
    form: {
      method: "POST",
      path: "/orgs/acme/members",
      form: { action: "invite", email: "new@example.com", role: "admin" },
    },
    api: {
      method: "POST",
      path: "/v1/orgs/acme/members",
      json: { email: "new@example.com", role: "admin" },
    },
  },
  {
    ...base,
    name: "invite an address that is not one",
    setup: withAcme,
    form: {
      method: "POST",
      path: "/orgs/acme/members",
      form: { action: "invite", email: "nope", role: "member" },
    },
    api: { method: "POST", path: "/v1/orgs/acme/members", json: { email: "nope", role: "member" } },
  },
  {
    ...base,
    name: "change a member's role",
    setup: withAcme,
    form: {
      method: "POST",
      path: "/orgs/acme/members",
      form: { action: "role", user: "mia", role: "admin" },
    },
    api: { method: "PATCH", path: "/v1/orgs/acme/members/mia", json: { role: "admin" } },
  },
  {
    ...base,
    name: "demote the last owner",
    setup: async (app, user) => {
      await withAcme(app, user);
      return { me: user.handle };
    },
    form: (v) => ({
      method: "POST",
      path: "/orgs/acme/members",
      form: { action: "role", user: v.me!, role: "member" },
    }),
    api: (v) => ({
      method: "PATCH",
      path: `/v1/orgs/acme/members/${v.me}`,
      json: { role: "member" },
    }),
  },
  {
    ...base,
    name: "remove a member",
    setup: withAcme,
    form: { method: "POST", path: "/orgs/acme/members", form: { action: "remove", user: "mia" } },
    api: { method: "DELETE", path: "/v1/orgs/acme/members/mia" },
  },
];

for (const c of CASES) {
  Deno.test(`the form and the API agree: ${c.name}`, async () => {
    await assertParity(c);
  });
}
