import { eq } from "drizzle-orm";
import {
  organizations,
  orgInvitations,
  orgMembers,
  owners,
  teamMembers,
  teamPackages,
  teams,
  users,
} from "@/lib/db/schema.ts";
import { newAccountWrites } from "@/lib/auth/accounts.ts";
import { newApiToken } from "@/lib/auth/api_tokens.ts";
import { newPackage } from "@/lib/packages/packages.ts";
import { sha256Hex } from "@/lib/auth/secrets.ts";
import { DAY } from "@/lib/time.ts";
import { type MatrixPart, r } from "./types.ts";

let n = 0;

/**
 * Organizations (only with ORGS_ENABLED; route_matrix_test.ts runs this part with it on). The
 * owner owns the organization; the other user is not a member, so every organization route
 * answers them 404 like a missing organization. Managing people is session-only, so the token
 * with every scope gets 403 there; reading needs packages:read, the audit log audit:read.
 * The matrix's tokens act for the owner's own user owner, not for the organization, so where
 * a token may read, they get 404 like a missing organization (a token acts for one owner,
 * docs/adr/0010); org_callers_test.ts tries tokens that act for it.
 */
export const orgs: MatrixPart = {
  rows: {
    //                                             anon owner other revoked expired noScope token
    // Pages: the form is empty, so a POST is refused as invalid once allowed.
    "GET /orgs": r(303, 200, 200, 303, 303, 403, 403),
    "GET /orgs/new": r(303, 200, 200, 303, 303, 403, 403),
    "POST /orgs/new": r(303, 400, 400, 303, 303, 403, 403),
    "GET /orgs/:handle": r(303, 200, 404, 303, 303, 403, 403),
    "GET /orgs/:handle/members": r(303, 200, 404, 303, 303, 403, 403),
    "POST /orgs/:handle/members": r(303, 400, 400, 303, 303, 403, 403),
    "GET /orgs/:handle/settings": r(303, 200, 404, 303, 303, 403, 403),
    "POST /orgs/:handle/settings": r(303, 400, 404, 303, 303, 403, 403),
    "GET /orgs/:handle/teams": r(303, 200, 404, 303, 303, 403, 403),
    "POST /orgs/:handle/teams": r(303, 400, 404, 303, 303, 403, 403),
    "GET /orgs/:handle/teams/:team": r(303, 200, 404, 303, 303, 403, 403),
    "POST /orgs/:handle/teams/:team": r(303, 400, 400, 303, 303, 403, 403),
    "GET /orgs/:handle/audit": r(303, 200, 404, 303, 303, 403, 403),
    // The tokens acting for the organization; the empty form names no action (400).
    "GET /orgs/:handle/tokens": r(303, 200, 404, 303, 303, 403, 403),
    "POST /orgs/:handle/tokens": r(303, 400, 400, 303, 303, 403, 403),
    // The invitation is to the owner's address (who is already a member: accepting is 409).
    "GET /invitations/:id": r(303, 200, 404, 303, 303, 403, 403),
    "POST /invitations/:id": r(303, 409, 404, 303, 303, 403, 403),

    "GET /v1/orgs": r(401, 200, 200, 401, 401, 403, 200),
    "POST /v1/orgs": r(401, 400, 400, 401, 401, 403, 403),
    "GET /v1/orgs/:org": r(401, 200, 404, 401, 401, 403, 404),
    "PATCH /v1/orgs/:org": r(401, 200, 404, 401, 401, 403, 403),
    // The organization still owns a package: refused, and nothing changes.
    "DELETE /v1/orgs/:org": r(401, 409, 404, 401, 401, 403, 403),
    "GET /v1/orgs/:org/members": r(401, 200, 404, 401, 401, 403, 404),
    "POST /v1/orgs/:org/members": r(401, 400, 400, 401, 401, 403, 403),
    "PATCH /v1/orgs/:org/members/:user": r(401, 400, 400, 401, 401, 403, 403),
    "DELETE /v1/orgs/:org/members/:user": r(401, 204, 404, 401, 401, 403, 403),
    "GET /v1/orgs/:org/invitations": r(401, 200, 404, 401, 401, 403, 403),
    "DELETE /v1/orgs/:org/invitations/:id": r(401, 204, 404, 401, 401, 403, 403),
    "POST /v1/invitations/:id/accept": r(401, 409, 404, 401, 401, 403, 403),
    "POST /v1/invitations/:id/decline": r(401, 204, 404, 401, 401, 403, 403),
    "GET /v1/orgs/:org/audit": r(401, 200, 404, 401, 401, 403, 404),
    // Tokens are credentials: listing and revoking them is session-only, like /v1/tokens.
    "GET /v1/orgs/:org/tokens": r(401, 200, 404, 401, 401, 403, 403),
    "DELETE /v1/orgs/:org/tokens/:token_id": r(401, 204, 404, 401, 401, 403, 403),
    "GET /v1/orgs/:org/teams": r(401, 200, 404, 401, 401, 403, 404),
    "POST /v1/orgs/:org/teams": r(401, 400, 400, 401, 401, 403, 403),
    "GET /v1/orgs/:org/teams/:team": r(401, 200, 404, 401, 401, 403, 404),
    "PATCH /v1/orgs/:org/teams/:team": r(401, 400, 400, 401, 401, 403, 403),
    "DELETE /v1/orgs/:org/teams/:team": r(401, 204, 404, 401, 401, 403, 403),
    "PUT /v1/orgs/:org/teams/:team/members/:user": r(401, 204, 404, 401, 401, 403, 403),
    "DELETE /v1/orgs/:org/teams/:team/members/:user": r(401, 204, 404, 401, 401, 403, 403),
    "PUT /v1/orgs/:org/teams/:team/packages/:package": r(401, 400, 400, 401, 401, 403, 403),
    "DELETE /v1/orgs/:org/teams/:team/packages/:package": r(401, 204, 404, 401, 401, 403, 403),
  },
  // A fresh organization of the owner for each call, with a member (on a team), a team with a
  // grant on one of its packages, and a pending invitation to the owner's own address.
  params: async (app, owner) => {
    const db = app.services.db;
    const now = app.clock.now();
    const id = crypto.randomUUID();
    const handle = `matrix-org-${++n}`;
    const member = newAccountWrites(db, {
      email: `${handle}-member@example.com`,
      handle: `${handle}-m`,
      passwordHash: "!",
    }, now);
    const [me] = await db.select({ email: users.email }).from(users)
      .where(eq(users.id, owner.userId));
    const team = crypto.randomUUID();
    const pkg = newPackage(db, { ownerId: id }, { name: "matrix.skill" }, now);
    const invitation = crypto.randomUUID();
    // The member's token acting for the organization (docs/adr/0010), for the token routes.
    const token = newApiToken(db, {
      ownerId: id,
      userId: member.account.userId,
      name: "org",
      scopes: ["packages:read"],
      days: 30,
    }, now);
    await db.batch([
      ...member.writes,
      db.insert(owners).values({ id, kind: "org", handle, createdAt: now }),
      db.insert(organizations).values({
        ownerId: id,
        displayName: "Matrix",
        createdAt: now,
        updatedAt: now,
      }),
      db.insert(orgMembers).values([
        { orgId: id, userId: owner.userId, role: "owner", createdAt: now },
        { orgId: id, userId: member.account.userId, role: "member", createdAt: now },
      ]),
      db.insert(teams).values({ id: team, orgId: id, slug: "core", name: "Core", createdAt: now }),
      ...pkg.writes,
      db.insert(teamPackages).values({ teamId: team, packageId: pkg.id, permission: "read" }),
      db.insert(teamMembers).values({ teamId: team, userId: member.account.userId }),
      token.insert,
      db.insert(orgInvitations).values({
        id: invitation,
        orgId: id,
        email: me!.email,
        role: "member",
        tokenHash: sha256Hex(invitation),
        createdAt: now,
        expiresAt: new Date(now.getTime() + 7 * DAY),
      }),
    ]);
    return {
      org: handle,
      handle,
      user: member.account.handle,
      team: "core",
      package: "matrix.skill",
      id: invitation,
      token_id: token.info.id,
    };
  },
};
