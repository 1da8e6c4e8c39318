// The access policy's organization rows, as a table: every relation (the user's own owner, each
// role in an organization, nobody) against every organization action. Written out from ADR 0010's
// table, independently of lib/access/policy.ts, so a changed row there fails here.
import { assert } from "../helpers/assert.ts";
import { type Action, type Actor, can, type OrgRole } from "@/lib/access/policy.ts";

const session: Actor = {
  kind: "user",
  userId: "u1",
  ownerId: "own",
  ownerHandle: "own",
  via: "session",
  sessionId: "s1",
  ip: null,
  userAgent: null,
};

type Relation = "self" | OrgRole | "none";
const RELATIONS: Relation[] = ["self", "owner", "admin", "member", "none"];

// allow, 403 (may see, may not change), 404 (may not even see)
const A = "allow", F = 403, H = 404;
const TABLE: Record<string, Record<Relation, typeof A | 403 | 404>> = {
  //                  self    owner  admin  member  none
  "org.read": { self: H, owner: A, admin: A, member: A, none: H },
  "org.leave": { self: H, owner: A, admin: A, member: A, none: H },
  "org.update": { self: H, owner: A, admin: A, member: F, none: H },
  "org.members": { self: H, owner: A, admin: A, member: F, none: H },
  "org.invitations": { self: H, owner: A, admin: A, member: F, none: H },
  "org.teams": { self: H, owner: A, admin: A, member: F, none: H },
  "org.audit": { self: H, owner: A, admin: A, member: F, none: H },
  "org.owners": { self: H, owner: A, admin: F, member: F, none: H },
  "org.delete": { self: H, owner: A, admin: F, member: F, none: H },
  "org.list": { self: A, owner: H, admin: H, member: H, none: H },
  "org.create": { self: A, owner: H, admin: H, member: H, none: H },
  "org.join": { self: A, owner: H, admin: H, member: H, none: H },
  // Existing actions keep their answers for a user's own resources and everyone else's.
  "package.read": { self: A, owner: A, admin: A, member: H, none: H },
  "package.publish": { self: A, owner: A, admin: A, member: F, none: H },
  "package.update": { self: A, owner: A, admin: A, member: F, none: H },
  "context.read": { self: A, owner: A, admin: A, member: A, none: H },
  "context.write": { self: A, owner: A, admin: A, member: A, none: H },
  "token.manage": { self: A, owner: H, admin: H, member: H, none: H },
  "audit.read": { self: A, owner: H, admin: H, member: H, none: H },
};

function resource(relation: Relation) {
  if (relation === "self") return { ownerId: "own" };
  return { ownerId: "org", role: relation === "none" ? null : relation };
}

for (const [action, row] of Object.entries(TABLE)) {
  Deno.test(`the policy answers ${action} for each relation as ADR 0010's table says`, () => {
    for (const relation of RELATIONS) {
      const decision = can(session, action as Action, resource(relation));
      const got = decision.allowed
        ? A
        : decision.reason === "role"
        ? F
        : decision.reason === "not_found"
        ? H
        : decision.reason;
      assert.equal(got, row[relation], `${action} as ${relation}`);
    }
  });
}

Deno.test("a role never lets an API token past its scope or into a session-only action", () => {
  const token: Actor = {
    ...session,
    via: "token",
    tokenId: "t1",
    scopes: ["contexts:read"],
    actsFor: "org",
  } as Actor;
  const read = can(token, "org.read", { ownerId: "org", role: "owner" });
  assert.deepEqual(read, { allowed: false, reason: "scope", scope: "packages:read" });
  const manage = can(
    { ...token, scopes: ["packages:read", "packages:publish", "audit:read"] } as Actor,
    "org.members",
    { ownerId: "org", role: "owner" },
  );
  assert.equal(manage.allowed, false);
  assert.equal(!manage.allowed && manage.reason, "session_only");
});

Deno.test("a public package stays readable by anyone, member or not", () => {
  const anon: Actor = { kind: "anonymous", ip: null, userAgent: null };
  assert.ok(can(anon, "package.read", { ownerId: "org", visibility: "public" }).allowed);
  assert.ok(
    can(session, "package.read", { ownerId: "org", visibility: "public", role: null }).allowed,
  );
});
