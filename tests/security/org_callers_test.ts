// The authorization matrix's organization callers (docs/adr/0010), beside route_matrix_test.ts's
// columns: a token acting for the organization, a token acting for another owner (a second
// organization of the same user), and a member removed after their session and their token for
// the organization were made (they were an admin until then). Every organization route, and
// every context route on one of the organization's contexts, answers each as recorded here,
// and a refused request (401, 403, 404) changes nothing.
import { assert } from "../helpers/assert.ts";
import { createTestApp, type TestApp } from "../helpers/app.ts";
import { createUser } from "../helpers/accounts.ts";
import { newApiToken, SCOPES } from "@/lib/auth/api_tokens.ts";
import { newSession } from "@/lib/auth/sessions.ts";
import { newAccountWrites } from "@/lib/auth/accounts.ts";
import { createContext } from "@/lib/contexts/contexts.ts";
import { removeMember } from "@/lib/orgs/members.ts";
import { getOrgByHandle } from "@/lib/orgs/orgs.ts";
import { organizations, orgMembers, owners } from "@/lib/db/schema.ts";
import type { Actor } from "@/lib/access/policy.ts";
import { snapshot } from "./callers.ts";
import { orgs } from "./matrix/orgs.ts";
import { contexts } from "./matrix/contexts.ts";
import { ORGS_ON } from "../orgs/helpers.ts";

const CALLERS = ["orgToken", "otherOwner", "removedSession", "removedToken"] as const;
type Caller = typeof CALLERS[number];
const o = (orgToken: number, otherOwner: number, removedSession: number, removedToken: number) => ({
  orgToken,
  otherOwner,
  removedSession,
  removedToken,
});

// Pages refuse every token (403), a revoked token is 401 before anything else; the removed
// member's session finds the organization missing (404) where they had been admin.
const ROWS: Record<string, Record<Caller, number>> = {
  //                                               orgToken otherOwner removedSession removedToken
  "GET /orgs": o(403, 403, 200, 401),
  "GET /orgs/new": o(403, 403, 200, 401),
  "POST /orgs/new": o(403, 403, 400, 401),
  "GET /orgs/:handle": o(403, 403, 404, 401),
  "GET /orgs/:handle/members": o(403, 403, 404, 401),
  "POST /orgs/:handle/members": o(403, 403, 400, 401),
  "GET /orgs/:handle/settings": o(403, 403, 404, 401),
  "POST /orgs/:handle/settings": o(403, 403, 404, 401),
  "GET /orgs/:handle/teams": o(403, 403, 404, 401),
  "POST /orgs/:handle/teams": o(403, 403, 404, 401),
  "GET /orgs/:handle/teams/:team": o(403, 403, 404, 401),
  "POST /orgs/:handle/teams/:team": o(403, 403, 400, 401),
  "GET /orgs/:handle/audit": o(403, 403, 404, 401),
  "GET /orgs/:handle/tokens": o(403, 403, 404, 401),
  "POST /orgs/:handle/tokens": o(403, 403, 400, 401),
  "GET /invitations/:id": o(403, 403, 404, 401),
  "POST /invitations/:id": o(403, 403, 404, 401),
  // A token reads its own organization (by its user's current role) and nothing else; its
  // user's own list of organizations is the user's resource, not the organization's.
  "GET /v1/orgs": o(404, 404, 200, 401),
  "POST /v1/orgs": o(403, 403, 400, 401),
  "GET /v1/orgs/:org": o(200, 404, 404, 401),
  "PATCH /v1/orgs/:org": o(403, 403, 404, 401),
  "DELETE /v1/orgs/:org": o(403, 403, 404, 401),
  "GET /v1/orgs/:org/members": o(200, 404, 404, 401),
  "POST /v1/orgs/:org/members": o(403, 403, 400, 401),
  "PATCH /v1/orgs/:org/members/:user": o(403, 403, 400, 401),
  "DELETE /v1/orgs/:org/members/:user": o(403, 403, 404, 401),
  "GET /v1/orgs/:org/invitations": o(403, 403, 404, 401),
  "DELETE /v1/orgs/:org/invitations/:id": o(403, 403, 404, 401),
  "POST /v1/invitations/:id/accept": o(403, 403, 404, 401),
  "POST /v1/invitations/:id/decline": o(403, 403, 404, 401),
  "GET /v1/orgs/:org/audit": o(200, 404, 404, 401),
  "GET /v1/orgs/:org/tokens": o(403, 403, 404, 401),
  "DELETE /v1/orgs/:org/tokens/:token_id": o(403, 403, 404, 401),
  "GET /v1/orgs/:org/teams": o(200, 404, 404, 401),
  "POST /v1/orgs/:org/teams": o(403, 403, 400, 401),
  "GET /v1/orgs/:org/teams/:team": o(200, 404, 404, 401),
  "PATCH /v1/orgs/:org/teams/:team": o(403, 403, 400, 401),
  "DELETE /v1/orgs/:org/teams/:team": o(403, 403, 404, 401),
  "PUT /v1/orgs/:org/teams/:team/members/:user": o(403, 403, 404, 401),
  "DELETE /v1/orgs/:org/teams/:team/members/:user": o(403, 403, 404, 401),
  "PUT /v1/orgs/:org/teams/:team/packages/:package": o(403, 403, 400, 401),
  "DELETE /v1/orgs/:org/teams/:team/packages/:package": o(403, 403, 404, 401),
  // The organization's context: `{}` is 400 once allowed (a status change checks its body
  // before looking the context up, so it reveals nothing either way).
  "GET /contexts": o(403, 403, 200, 401),
  "GET /contexts/:context_id": o(403, 403, 404, 401),
  "POST /contexts/:context_id": o(403, 403, 404, 401),
  "GET /contexts/:context_id/runs": o(403, 403, 404, 401),
  "POST /contexts/:context_id/runs": o(403, 403, 404, 401),
  "GET /v1/contexts": o(200, 200, 200, 401),
  "POST /v1/contexts": o(400, 400, 400, 401),
  "GET /v1/contexts/:context_id": o(200, 404, 404, 401),
  "PATCH /v1/contexts/:context_id": o(400, 400, 400, 401),
  "GET /v1/contexts/:context_id/logs": o(200, 404, 404, 401),
  "POST /v1/contexts/:context_id/logs": o(400, 404, 404, 401),
  "GET /v1/contexts/:context_id/logs/stream": o(200, 404, 404, 401),
  "GET /v1/contexts/:context_id/logs/export": o(200, 404, 404, 401),
  "GET /v1/contexts/:context_id/policy": o(200, 404, 404, 401),
  "GET /v1/contexts/:context_id/receipts": o(200, 404, 404, 401),
  "POST /v1/contexts/:context_id/receipts": o(400, 404, 404, 401),
};

let n = 0;

/**
 * A fresh organization (orgs.params) with a second organization of the owner, an admin whose
 * session and org token were made before their removal, and a context of the organization.
 */
async function fixtures(app: TestApp, owner: { userId: string; ownerId: string; handle: string }) {
  const db = app.services.db;
  const now = app.clock.now();
  const values = await orgs.params!(app, owner, undefined as never);
  const org = (await getOrgByHandle(db, values.org!))!;
  const otherId = crypto.randomUUID();
  const removed = newAccountWrites(db, {
    email: `removed-${++n}@example.com`,
    handle: `removed-${n}`,
    passwordHash: "!",
  }, now);
  await db.batch([
    ...removed.writes,
    db.insert(owners).values({ id: otherId, kind: "org", handle: `other-${n}`, createdAt: now }),
    db.insert(organizations).values({
      ownerId: otherId,
      displayName: "Other",
      createdAt: now,
      updatedAt: now,
    }),
    db.insert(orgMembers).values([
      { orgId: otherId, userId: owner.userId, role: "owner", createdAt: now },
      { orgId: org.id, userId: removed.account.userId, role: "admin", createdAt: now },
    ]),
  ]);
  const token = (ownerId: string, userId: string) => {
    const t = newApiToken(db, { ownerId, userId, name: "m", scopes: [...SCOPES], days: 30 }, now);
    return { token: t.token, insert: t.insert };
  };
  const orgToken = token(org.id, owner.userId);
  const otherOwner = token(otherId, owner.userId);
  const removedToken = token(org.id, removed.account.userId);
  const session = newSession(db, { userId: removed.account.userId }, now);
  await db.batch([orgToken.insert, otherOwner.insert, removedToken.insert, session.insert]);
  const actor: Actor = {
    kind: "user",
    userId: owner.userId,
    ownerId: owner.ownerId,
    ownerHandle: owner.handle,
    via: "session",
    sessionId: "matrix",
    ip: null,
    userAgent: null,
  };
  await removeMember(app.services, actor, { org: org.handle, user: removed.account.handle });
  const context = await createContext(db, { ownerId: org.id }, {
    status: "running",
    region: "matrix",
    packageVersionId: null,
    packageName: null,
    packageVersion: null,
  }, now);
  const browser = (cookie: string) => ({ cookie, origin: app.config.publicOrigin });
  const headers: Record<Caller, Record<string, string>> = {
    orgToken: { authorization: `Bearer ${orgToken.token}` },
    otherOwner: { authorization: `Bearer ${otherOwner.token}` },
    removedSession: browser(`session=${session.token}`),
    removedToken: { authorization: `Bearer ${removedToken.token}` },
  };
  const all: Record<string, string> = { ...values, context_id: context.id };
  return { values: all, headers };
}

const ROUTES = /^\/(v1\/)?(orgs|invitations|contexts)(\/|$)/;

Deno.test("with organizations on, org tokens, other owners' tokens and removed members get what is recorded, and refusals change nothing", async () => {
  await using app = await createTestApp({ env: ORGS_ON });
  const owner = await createUser(app, { handle: "olive" });
  const problems: string[] = [];
  const actual: Record<string, number[]> = {};
  let ip = 0;
  for (const route of app.routes.filter((r) => ROUTES.test(r.pattern))) {
    for (const method of route.methods.filter((m) => m !== "HEAD" && m !== "OPTIONS")) {
      const key = `${method} ${route.pattern}`;
      const row = ROWS[key];
      if (!row) problems.push(`${key} has no row`);
      actual[key] = [];
      for (const caller of CALLERS) {
        const f = await fixtures(app, owner);
        const path = route.pattern.replace(/:(\w+)\*?/g, (_, p: string) => f.values[p] ?? "");
        const api = route.pattern.startsWith("/v1/");
        // The form a page row of the main matrix sends (so it reaches the lookup), else empty.
        const form = contexts.rows[key]?.form ?? "";
        const body = method === "GET" || method === "DELETE" ? undefined : api ? "{}" : form;
        const before = await snapshot(app);
        const res = await app.request(path, {
          method,
          headers: {
            ...f.headers[caller],
            ...(body === undefined
              ? {}
              : { "content-type": api ? "application/json" : "application/x-www-form-urlencoded" }),
          },
          body,
          ip: `10.88.${Math.floor(++ip / 250)}.${ip % 250}`,
        });
        await res.body?.cancel();
        actual[key].push(res.status);
        if (row && row[caller] !== res.status) {
          problems.push(`${key} as ${caller}: expected ${row[caller]}, got ${res.status}`);
        }
        if ([401, 403, 404].includes(res.status) && await snapshot(app) !== before) {
          problems.push(`${key} as ${caller} answered ${res.status} but changed the database`);
        }
      }
    }
  }
  for (const key of Object.keys(ROWS)) if (!actual[key]) problems.push(`${key} is not a route`);
  if (problems.length) {
    const table = Object.entries(actual).map(([k, v]) => `  "${k}": o(${v.join(", ")}),`);
    assert.fail(`${problems.join("\n")}\n\nActual (${CALLERS.join(", ")}):\n${table.join("\n")}`);
  }
});
