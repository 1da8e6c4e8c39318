// The organization API for each kind of caller: owner, admin, member, someone outside, a member
// removed after their session and token were made, and nobody. A refusal changes nothing.
import { assert } from "../helpers/assert.ts";
import type { TestApp } from "../helpers/app.ts";
import { createToken, type TestUser } from "../helpers/accounts.ts";
import { snapshot } from "../security/callers.ts";
import { acme, addMember, api, orgApp } from "./helpers.ts";

type Who = "owner" | "admin" | "member" | "outsider" | "removed" | "removedToken" | "anon";

interface Case {
  method: string;
  path: string;
  body?: unknown;
  expect: Record<Who, number>;
}

function row(
  owner: number,
  admin: number,
  member: number,
  outsider: number,
  removed: number,
  removedToken: number,
  anon: number,
) {
  return { owner, admin, member, outsider, removed, removedToken, anon };
}

// Reads for members; management for owners and admins (403 for a member, who can see the
// organization; 404 for anyone else, as for a missing one). Tokens never manage people.
const CASES: Case[] = [
  { method: "GET", path: "/v1/orgs/acme", expect: row(200, 200, 200, 404, 404, 404, 401) },
  { method: "GET", path: "/v1/orgs/acme/members", expect: row(200, 200, 200, 404, 404, 404, 401) },
  { method: "GET", path: "/v1/orgs/acme/teams", expect: row(200, 200, 200, 404, 404, 404, 401) },
  { method: "GET", path: "/v1/orgs/acme/audit", expect: row(200, 200, 403, 404, 404, 404, 401) },
  {
    method: "GET",
    path: "/v1/orgs/acme/invitations",
    expect: row(200, 200, 403, 404, 404, 403, 401),
  },
  {
    method: "PATCH",
    path: "/v1/orgs/acme",
    body: { display_name: "Changed" },
    expect: row(200, 200, 403, 404, 404, 403, 401),
  },
  {
    method: "POST",
    path: "/v1/orgs/acme/teams",
    body: { slug: "core", name: "Core" },
    expect: row(201, 201, 403, 404, 404, 403, 401),
  },
  {
    method: "POST",
    path: "/v1/orgs/acme/members",
    body: { email: "new@example.com", role: "member" },
    expect: row(201, 201, 403, 404, 404, 403, 401),
  },
  {
    method: "POST",
    path: "/v1/orgs/acme/members",
    body: { email: "boss@example.com", role: "owner" },
    expect: row(201, 403, 403, 404, 404, 403, 401),
  },
  {
    method: "PATCH",
    path: "/v1/orgs/acme/members/mia",
    body: { role: "admin" },
    expect: row(200, 200, 403, 404, 404, 403, 401),
  },
  {
    method: "PATCH",
    path: "/v1/orgs/acme/members/olga",
    body: { role: "member" },
    // The owner is the last one: a conflict, and nothing changes.
    expect: row(409, 403, 403, 404, 404, 403, 401),
  },
  {
    method: "DELETE",
    path: "/v1/orgs/acme/members/mia",
    expect: row(204, 204, 403, 404, 404, 403, 401),
  },
  { method: "DELETE", path: "/v1/orgs/acme", expect: row(204, 403, 403, 404, 404, 403, 401) },
];

interface World {
  app: TestApp;
  users: Record<Exclude<Who, "anon" | "removedToken">, TestUser>;
  token: string;
}

async function world(): Promise<World> {
  const app = await orgApp();
  const { owner, admin, member, outsider } = await acme(app);
  const { createUser } = await import("../helpers/accounts.ts");
  const removed = await createUser(app, { handle: "rex" });
  await addMember(app, "acme", owner, removed, "admin");
  const token = await createToken(app, removed, ["packages:read", "audit:read"]);
  // Made before the removal: both must stop working for the organization at once.
  const gone = await api(app, owner, "DELETE", "/v1/orgs/acme/members/rex");
  assert.equal(gone.status, 204);
  return { app, users: { owner, admin, member, outsider, removed }, token };
}

function send(w: World, who: Who, c: Case) {
  if (who === "anon") return api(w.app, null, c.method, c.path, c.body);
  if (who === "removedToken") {
    return w.app.request(c.path, {
      method: c.method,
      headers: {
        authorization: `Bearer ${w.token}`,
        ...(c.body === undefined ? {} : { "content-type": "application/json" }),
      },
      body: c.body === undefined ? undefined : JSON.stringify(c.body),
    });
  }
  return api(w.app, w.users[who], c.method, c.path, c.body);
}

const WHO: Who[] = ["owner", "admin", "member", "outsider", "removed", "removedToken", "anon"];

async function close(w: World) {
  w.app.close();
  await Deno.remove(w.app.dir, { recursive: true }).catch(() => {});
}

for (const c of CASES) {
  Deno.test(`${c.method} ${c.path} answers each caller by their role, and a refusal changes nothing`, async () => {
    // Refused callers share one world (each refusal is checked to change nothing); each caller
    // who succeeds gets a fresh one.
    const shared = await world();
    try {
      for (const who of WHO) {
        const refused = c.expect[who] >= 400;
        const w = refused ? shared : await world();
        try {
          const before = await snapshot(w.app);
          const res = await send(w, who, c);
          const text = await res.text();
          assert.equal(res.status, c.expect[who], `${who}: ${text}`);
          if (refused) {
            assert.equal(await snapshot(w.app), before, `${who} was refused but something changed`);
          }
        } finally {
          if (!refused) await close(w);
        }
      }
    } finally {
      await close(shared);
    }
  });
}

// A token reaches an organization only when made to act for it (docs/adr/0010); removal
// revokes it with the membership, so it is refused as a revoked token (401).
Deno.test("a removed member's token, made while they were an admin, can no longer read the org's audit log", async () => {
  await using app = await orgApp();
  const { owner } = await acme(app);
  const { createUser } = await import("../helpers/accounts.ts");
  const rex = await createUser(app, { handle: "rex" });
  await addMember(app, "acme", owner, rex, "admin");
  const token = await createToken(app, rex, ["audit:read"], "acme audit", "acme");
  const read = () =>
    app.request("/v1/orgs/acme/audit", { headers: { authorization: `Bearer ${token}` } });
  assert.equal((await read()).status, 200);
  assert.equal((await api(app, owner, "DELETE", "/v1/orgs/acme/members/rex")).status, 204);
  const after = await read();
  assert.equal(after.status, 401);
  assert.deepEqual(await after.json(), { error: "invalid, expired or revoked API token" });
});
