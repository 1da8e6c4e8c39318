// The authorization matrix's organization callers for every route that names a package
// (org_package_matrix_test.ts): an organization's private package, asked for by each role and
// team grant, by someone outside, by a member removed after their session and token were made,
// and by nobody. Columns:
//   anon, owner, admin, teamAdmin, teamPublish, teamRead, noGrant, outsider, removed,
//   removedToken (every scope, made before the removal), publishToken (teamPublish's, every scope)
import { eq } from "drizzle-orm";
import type { TestApp } from "../../helpers/app.ts";
import { createUser, type TestUser } from "../../helpers/accounts.ts";
import { assert } from "../../helpers/assert.ts";
import { bundleArchive, bundleForm, testSigner } from "../../helpers/packages.ts";
import { addMember, api, makeOrg } from "../../orgs/helpers.ts";
import { grantThroughTeam, publishAt } from "../../orgs/package_helpers.ts";
import { newApiToken, SCOPES } from "@/lib/auth/api_tokens.ts";
import { users } from "@/lib/db/schema.ts";
import { getOrgByHandle } from "@/lib/orgs/orgs.ts";

export const ORG_CALLERS = [
  "anon",
  "owner",
  "admin",
  "teamAdmin",
  "teamPublish",
  "teamRead",
  "noGrant",
  "outsider",
  "removed",
  "removedToken",
  "publishToken",
] as const;
export type OrgCaller = typeof ORG_CALLERS[number];
export type OrgRow = Record<OrgCaller, number> & {
  /** The request's body: a form for pages, JSON for the API, or a fresh bundle to publish. */
  body?: { form: string } | { json: unknown } | "bundle" | "key";
};

export function o(
  statuses: [
    number,
    number,
    number,
    number,
    number,
    number,
    number,
    number,
    number,
    number,
    number,
  ],
  body?: OrgRow["body"],
): OrgRow {
  const row = Object.fromEntries(ORG_CALLERS.map((c, i) => [c, statuses[i]!])) as unknown as OrgRow;
  return body ? { ...row, body } : row;
}

// Reading: anyone with a grant or a role; a private package is 404 to everyone else, signed
// in or not. Changing: owners, admins and team admins; publishing: team publish too. Someone
// who may read but not change gets 403. The removed member's token acted for the organization,
// so it no longer authenticates at all (401). The team publisher's token acts for the
// organization: unqualified /v1/packages/{name} paths mean its owner's packages. Pages refuse
// tokens; /packages/{name} means the signed-in user's own, and nobody has one by that name.
// Bodies: a form for pages, JSON, a fresh bundle to publish, or the key already pinned.
export const ORG_PACKAGE_ROWS: Record<string, OrgRow> = {
  "GET /v1/packages/@:owner/:package": o([404, 200, 200, 200, 200, 200, 404, 404, 404, 401, 200]),
  "PATCH /v1/packages/@:owner/:package": o(
    [401, 200, 200, 200, 403, 403, 404, 404, 404, 401, 403],
    { json: {} },
  ),
  "GET /v1/packages/@:owner/:package/keys": o([
    404,
    200,
    200,
    200,
    200,
    200,
    404,
    404,
    404,
    401,
    200,
  ]),
  "POST /v1/packages/@:owner/:package/keys": o([
    401,
    409,
    409,
    409,
    403,
    403,
    404,
    404,
    404,
    401,
    403,
  ], "key"),
  "DELETE /v1/packages/@:owner/:package/keys/:fingerprint": o([
    401,
    409,
    409,
    409,
    403,
    403,
    404,
    404,
    404,
    401,
    403,
  ]),
  "POST /v1/packages/@:owner/:package/transfer": o([
    401,
    400,
    400,
    403,
    403,
    403,
    404,
    404,
    404,
    401,
    403,
  ], { json: { to: "acme" } }),
  "GET /v1/packages/@:owner/:package/versions": o([
    404,
    200,
    200,
    200,
    200,
    200,
    404,
    404,
    404,
    401,
    200,
  ]),
  "POST /v1/packages/@:owner/:package/versions": o([
    401,
    201,
    201,
    201,
    201,
    403,
    404,
    404,
    404,
    401,
    201,
  ], "bundle"),
  "GET /v1/packages/@:owner/:package/versions/:version": o([
    404,
    200,
    200,
    200,
    200,
    200,
    404,
    404,
    404,
    401,
    200,
  ]),
  "GET /v1/packages/@:owner/:package/versions/:version/artifact": o([
    404,
    200,
    200,
    200,
    200,
    200,
    404,
    404,
    404,
    401,
    200,
  ]),
  "GET /v1/packages/@:owner/:package/versions/:version/bundle": o([
    404,
    200,
    200,
    200,
    200,
    200,
    404,
    404,
    404,
    401,
    200,
  ]),
  "POST /v1/packages/@:owner/:package/versions/:version/check": o([
    404,
    400,
    400,
    400,
    400,
    400,
    404,
    404,
    404,
    401,
    400,
  ], { json: { policy: { version: 1, trusted_signers: [], capability_ceiling: {} } } }),
  "DELETE /v1/packages/@:owner/:package/versions/:version/deprecate": o([
    401,
    200,
    200,
    200,
    403,
    403,
    404,
    404,
    404,
    401,
    403,
  ]),
  "POST /v1/packages/@:owner/:package/versions/:version/deprecate": o([
    401,
    200,
    200,
    200,
    403,
    403,
    404,
    404,
    404,
    401,
    403,
  ]),
  // Yanking is a change like deprecating (with its reason); resolving is a read.
  "POST /v1/packages/@:owner/:package/versions/:version/yank": o(
    [401, 200, 200, 200, 403, 403, 404, 404, 404, 401, 403],
    { json: { reason: "matrix" } },
  ),
  "DELETE /v1/packages/@:owner/:package/versions/:version/yank": o(
    [401, 200, 200, 200, 403, 403, 404, 404, 404, 401, 403],
  ),
  "GET /v1/packages/@:owner/:package/resolve": o(
    [404, 200, 200, 200, 200, 200, 404, 404, 404, 401, 200],
  ),
  "POST /v1/packages/:package/versions/:version/yank": o(
    [401, 404, 404, 404, 404, 404, 404, 404, 404, 401, 403],
    { json: { reason: "matrix" } },
  ),
  "DELETE /v1/packages/:package/versions/:version/yank": o(
    [401, 404, 404, 404, 404, 404, 404, 404, 404, 401, 403],
  ),
  "GET /v1/packages/:package": o([401, 404, 404, 404, 404, 404, 404, 404, 404, 401, 200]),
  "PATCH /v1/packages/:package": o([401, 404, 404, 404, 404, 404, 404, 404, 404, 401, 403], {
    json: {},
  }),
  "GET /v1/packages/:package/keys": o([401, 404, 404, 404, 404, 404, 404, 404, 404, 401, 200]),
  "POST /v1/packages/:package/keys": o([401, 400, 400, 400, 400, 400, 400, 400, 400, 401, 400]),
  "DELETE /v1/packages/:package/keys/:fingerprint": o([
    401,
    404,
    404,
    404,
    404,
    404,
    404,
    404,
    404,
    401,
    403,
  ]),
  "GET /v1/packages/:package/versions": o([401, 404, 404, 404, 404, 404, 404, 404, 404, 401, 200]),
  "POST /v1/packages/:package/versions": o([401, 415, 415, 415, 415, 415, 415, 415, 415, 401, 415]),
  "GET /v1/packages/:package/versions/:version": o([
    401,
    404,
    404,
    404,
    404,
    404,
    404,
    404,
    404,
    401,
    200,
  ]),
  "GET /v1/packages/:package/versions/:version/artifact": o([
    401,
    404,
    404,
    404,
    404,
    404,
    404,
    404,
    404,
    401,
    200,
  ]),
  "GET /v1/packages/:package/versions/:version/bundle": o([
    401,
    404,
    404,
    404,
    404,
    404,
    404,
    404,
    404,
    401,
    200,
  ]),
  "POST /v1/packages/:package/versions/:version/check": o([
    401,
    400,
    400,
    400,
    400,
    400,
    400,
    400,
    400,
    401,
    400,
  ]),
  "DELETE /v1/packages/:package/versions/:version/deprecate": o([
    401,
    404,
    404,
    404,
    404,
    404,
    404,
    404,
    404,
    401,
    403,
  ]),
  "POST /v1/packages/:package/versions/:version/deprecate": o([
    401,
    404,
    404,
    404,
    404,
    404,
    404,
    404,
    404,
    401,
    403,
  ]),
  "GET /packages/@:owner/:name": o([303, 200, 200, 200, 200, 200, 404, 404, 404, 401, 403]),
  "POST /packages/@:owner/:name": o([303, 303, 303, 303, 403, 403, 404, 404, 404, 401, 403], {
    form: "action=undeprecate_version&version=1.0.0",
  }),
  "GET /packages/@:owner/:name/keys": o([303, 200, 200, 200, 200, 200, 404, 404, 404, 401, 403]),
  "POST /packages/@:owner/:name/keys": o([303, 409, 409, 409, 403, 403, 404, 404, 404, 401, 403], {
    form: "action=retire&fingerprint=FINGERPRINT",
  }),
  "GET /packages/@:owner/:name/settings": o([
    303,
    200,
    200,
    200,
    200,
    200,
    404,
    404,
    404,
    401,
    403,
  ]),
  "POST /packages/@:owner/:name/settings": o([
    303,
    303,
    303,
    303,
    403,
    403,
    404,
    404,
    404,
    401,
    403,
  ], { form: "action=relist" }),
  "GET /packages/@:owner/:name/versions/:version": o([
    303,
    200,
    200,
    200,
    200,
    200,
    404,
    404,
    404,
    401,
    403,
  ]),
  "POST /packages/@:owner/:name/versions/:version": o([
    303,
    400,
    400,
    400,
    400,
    400,
    404,
    404,
    404,
    401,
    403,
  ], { form: "policy=nonsense" }),
  "GET /packages/@:owner/:name/visibility": o([
    303,
    200,
    200,
    200,
    200,
    200,
    404,
    404,
    404,
    401,
    403,
  ]),
  "POST /packages/@:owner/:name/visibility": o([
    303,
    303,
    303,
    303,
    403,
    403,
    404,
    404,
    404,
    401,
    403,
  ], { form: "visibility=private" }),
  "GET /packages/:name": o([303, 404, 404, 404, 404, 404, 404, 404, 404, 401, 403], {
    form: "visibility=private",
  }),
  "POST /packages/:name": o([303, 404, 404, 404, 404, 404, 404, 404, 404, 401, 403], {
    form: "action=undeprecate_version&version=1.0.0",
  }),
  "GET /packages/:name/keys": o([303, 404, 404, 404, 404, 404, 404, 404, 404, 401, 403]),
  "POST /packages/:name/keys": o([303, 404, 404, 404, 404, 404, 404, 404, 404, 401, 403], {
    form: "action=retire&fingerprint=x",
  }),
  "GET /packages/:name/settings": o([303, 404, 404, 404, 404, 404, 404, 404, 404, 401, 403]),
  "POST /packages/:name/settings": o([303, 404, 404, 404, 404, 404, 404, 404, 404, 401, 403], {
    form: "action=relist",
  }),
  "GET /packages/:name/versions/:version": o([
    303,
    404,
    404,
    404,
    404,
    404,
    404,
    404,
    404,
    401,
    403,
  ]),
  "POST /packages/:name/versions/:version": o([
    303,
    404,
    404,
    404,
    404,
    404,
    404,
    404,
    404,
    401,
    403,
  ], { form: "policy=nonsense" }),
  "GET /packages/:name/visibility": o([303, 404, 404, 404, 404, 404, 404, 404, 404, 401, 403]),
  "POST /packages/:name/visibility": o([303, 404, 404, 404, 404, 404, 404, 404, 404, 401, 403], {
    form: "visibility=private",
  }),
  "GET /@:handle/:name": o([404, 404, 404, 404, 404, 404, 404, 404, 404, 401, 403]),
  "GET /@:handle/:name/versions/:version": o([
    404,
    404,
    404,
    404,
    404,
    404,
    404,
    404,
    404,
    401,
    403,
  ]),
  "POST /@:handle/:name/versions/:version": o([
    404,
    404,
    404,
    404,
    404,
    404,
    404,
    404,
    404,
    401,
    403,
  ], { form: "policy=nonsense" }),
  "GET /@:handle/:name/versions/:version/artifact": o([
    404,
    404,
    404,
    404,
    404,
    404,
    404,
    404,
    404,
    401,
    404,
  ]),
  "GET /@:handle/:name/versions/:version/bundle": o([
    404,
    404,
    404,
    404,
    404,
    404,
    404,
    404,
    404,
    401,
    404,
  ]),
};

export const PACKAGE = "acme.tool";

/** Whom each caller is: a session cookie or a bearer token (none for anon). */
export type OrgFixtures = Record<OrgCaller, Record<string, string>>;

/**
 * The organization acme (owner olga) with an admin, a member in a team of each grant on its
 * private package acme.tool, a member with no grant, an outsider, and a member with a publish
 * grant who is removed after signing in and making a token.
 */
export async function orgPackageWorld(app: TestApp): Promise<OrgFixtures> {
  const people: Record<string, TestUser> = {};
  for (const handle of ["olga", "adam", "tara", "pete", "rhea", "nico", "otto", "remy"]) {
    people[handle] = await createUser(app, { handle });
  }
  const { olga } = people;
  await makeOrg(app, olga!, "acme");
  for (const [h, role] of [["adam", "admin"], ["tara", "member"], ["pete", "member"]] as const) {
    await addMember(app, "acme", olga!, people[h]!, role);
  }
  for (const h of ["rhea", "nico", "remy"]) {
    await addMember(app, "acme", olga!, people[h]!, "member");
  }
  assert.equal((await publishAt(app, olga!, "acme", PACKAGE, "1.0.0")).status, 201);
  await grantThroughTeam(app, "acme", olga!, people.tara!, PACKAGE, "admin");
  await grantThroughTeam(app, "acme", olga!, people.pete!, PACKAGE, "publish");
  await grantThroughTeam(app, "acme", olga!, people.rhea!, PACKAGE, "read");
  const res = await api(app, olga!, "PUT", `/v1/orgs/acme/teams/publish-team/members/remy`);
  assert.equal(res.status, 204, await res.text());
  const acme = (await getOrgByHandle(app.services.db, "acme"))!;
  // Tokens made to act for the organization (a token acts for one owner).
  const token = async (u: TestUser) => {
    const t = newApiToken(app.services.db, {
      ownerId: acme.id,
      userId: u.userId,
      name: "matrix",
      scopes: [...SCOPES],
      days: 30,
    }, app.clock.now());
    await t.insert;
    return { authorization: `Bearer ${t.token}` };
  };
  const removedToken = await token(people.remy!);
  const publishToken = await token(people.pete!);
  // Removed after their session and token were made: both lose the package at once.
  const gone = await api(app, olga!, "DELETE", "/v1/orgs/acme/members/remy");
  assert.equal(gone.status, 204, await gone.text());
  const session = (u: TestUser) => ({ cookie: u.cookie, origin: app.config.publicOrigin });
  const [user] = await app.services.db.select().from(users).where(eq(users.id, olga!.userId));
  assert.ok(user);
  return {
    anon: { origin: app.config.publicOrigin },
    owner: session(olga!),
    admin: session(people.adam!),
    teamAdmin: session(people.tara!),
    teamPublish: session(people.pete!),
    teamRead: session(people.rhea!),
    noGrant: session(people.nico!),
    outsider: session(people.otto!),
    removed: session(people.remy!),
    removedToken,
    publishToken,
  };
}

let published = 0;

/** The request body and its headers for a row. */
export async function bodyOf(
  row: OrgRow,
  pattern: string,
  params: Record<string, string> = {},
): Promise<{ body?: BodyInit; headers: Record<string, string> }> {
  const isApi = pattern.startsWith("/v1/");
  if (row.body === "key") {
    const signer = await testSigner();
    const key = btoa(String.fromCharCode(...signer.publicKey));
    return {
      body: JSON.stringify({ signer: signer.id, public_key: key }),
      headers: { "content-type": "application/json" },
    };
  }
  if (row.body === "bundle") {
    return { body: bundleForm(await bundleArchive(PACKAGE, `1.1.${++published}`)), headers: {} };
  }
  if (row.body && "form" in row.body) {
    return {
      body: row.body.form.replace("FINGERPRINT", encodeURIComponent(params.fingerprint ?? "")),
      headers: { "content-type": "application/x-www-form-urlencoded" },
    };
  }
  const json = row.body && "json" in row.body ? row.body.json : {};
  return isApi || row.body
    ? { body: JSON.stringify(json), headers: { "content-type": "application/json" } }
    : { body: "", headers: { "content-type": "application/x-www-form-urlencoded" } };
}
