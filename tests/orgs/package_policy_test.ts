// The access policy's package rows with team grants (docs/adr/0010's table), written out here
// independently of lib/access/policy.ts: every relation, for a private and a public package.
import { assert } from "../helpers/assert.ts";
import { type Actor, can, type Owned } from "@/lib/access/policy.ts";

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

type Who =
  | "self"
  | "owner"
  | "admin"
  | "teamAdmin"
  | "teamPublish"
  | "teamRead"
  | "member"
  | "none";
const WHO: Who[] = [
  "self",
  "owner",
  "admin",
  "teamAdmin",
  "teamPublish",
  "teamRead",
  "member",
  "none",
];

function resource(who: Who, visibility: "private" | "public"): Owned {
  if (who === "self") return { ownerId: "own", visibility };
  if (who === "none") return { ownerId: "org", visibility, role: null };
  if (who === "owner" || who === "admin") return { ownerId: "org", visibility, role: who };
  const grant = who === "member" ? null : who.slice(4).toLowerCase() as "admin";
  return { ownerId: "org", visibility, role: "member", grant };
}

const A = "allow", F = 403, H = 404;
type Cell = typeof A | 403 | 404;
//                         self owner admin tAdmin tPublish tRead member none
const PRIVATE: Record<string, Cell[]> = {
  "package.read": [A, A, A, A, A, A, H, H],
  "package.publish": [A, A, A, A, A, F, H, H],
  "package.update": [A, A, A, A, F, F, H, H],
  "package.transfer": [A, A, A, F, F, F, H, H],
};
// A public package is anyone's to read, so what they may not do is 403, never 404.
const PUBLIC: Record<string, Cell[]> = {
  "package.read": [A, A, A, A, A, A, A, A],
  "package.publish": [A, A, A, A, A, F, F, F],
  "package.update": [A, A, A, A, F, F, F, F],
  "package.transfer": [A, A, A, F, F, F, F, F],
};

function answer(action: string, r: Owned): Cell | string {
  const d = can(session, action as never, r);
  return d.allowed ? A : d.reason === "role" ? F : d.reason === "not_found" ? H : d.reason;
}

for (const [visibility, table] of [["private", PRIVATE], ["public", PUBLIC]] as const) {
  for (const [action, row] of Object.entries(table)) {
    Deno.test(`${action} on a ${visibility} package follows ADR 0010's table for every role and team grant`, () => {
      WHO.forEach((who, i) => {
        assert.equal(answer(action, resource(who, visibility)), row[i], `${action} as ${who}`);
      });
    });
  }
}

Deno.test("creating a package in an owner is for the user themself and the organization's owners and admins", () => {
  const got = WHO.map((who) =>
    answer("package.create", { ...resource(who, "private"), visibility: undefined })
  );
  assert.deepEqual(got, [A, A, A, F, F, F, F, H]);
});

Deno.test("a team grant never widens what a member may do outside the package rows", () => {
  for (const action of ["org.update", "org.teams", "org.audit", "context.read"]) {
    const asMember = answer(action, { ownerId: "org", role: "member" });
    const withGrant = answer(action, { ownerId: "org", role: "member", grant: "admin" });
    assert.equal(withGrant, asMember, action);
  }
});
