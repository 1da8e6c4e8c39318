// SECURITY.md, "Authorization": every route in the route table, with every kind of caller,
// answers the status recorded here, and a denied request (401, 403, 404) changes nothing.
// A route without a row fails this test, so a new route cannot skip the review.
import { assert } from "../helpers/assert.ts";
import { createTestApp, type TestApp } from "../helpers/app.ts";
import { createUser } from "../helpers/accounts.ts";
import { buildFixtures, type Caller, CALLERS, type Fixtures, snapshot } from "./callers.ts";
import type { Scope } from "@/lib/auth/api_tokens.ts";

type Row = Record<Caller, number> & {
  /** The scope a bearer token lacks in the `noScope` column. */
  lacks?: Scope;
  /** Request body: JSON (default `{}`) or a form. */
  form?: string;
};

// Columns: anonymous, owner (session), another user (session), revoked session, expired
// session, bearer token without the needed scope, bearer token with every scope.
function r(
  anon: number,
  owner: number,
  other: number,
  revoked: number,
  expired: number,
  noScope: number,
  token: number,
  extra: Partial<Row> = {},
): Row {
  return { anon, owner, other, revoked, expired, noScope, token, ...extra };
}

const MATRIX: Record<string, Row> = {
  //                                    anon owner other revoked expired noScope token
  // Pages. Signed-out callers are sent to sign in (303); a bearer token may read pages but
  // never manage sessions, tokens or the password (403). Empty forms are 400 once allowed.
  "GET /": r(200, 303, 303, 200, 200, 303, 303),
  "GET /healthz": r(200, 200, 200, 200, 200, 200, 200),
  "GET /dev/mail": r(404, 404, 404, 404, 404, 404, 404),
  "GET /signup": r(200, 303, 303, 200, 200, 303, 303),
  "POST /signup": r(400, 400, 400, 400, 400, 400, 400),
  "GET /login": r(200, 303, 303, 200, 200, 303, 303),
  "POST /login": r(400, 400, 400, 400, 400, 400, 400),
  "POST /logout": r(303, 303, 303, 303, 303, 303, 303),
  "GET /forgot": r(200, 200, 200, 200, 200, 200, 200),
  "POST /forgot": r(400, 400, 400, 400, 400, 400, 400),
  "GET /reset": r(400, 400, 400, 400, 400, 400, 400),
  "POST /reset": r(400, 400, 400, 400, 400, 400, 400),
  "GET /verify": r(400, 400, 400, 400, 400, 400, 400),
  "POST /verify": r(400, 400, 400, 400, 400, 400, 400),
  "GET /verify/resend": r(200, 200, 200, 200, 200, 200, 200),
  "POST /verify/resend": r(400, 303, 303, 400, 400, 400, 400),
  "GET /dashboard": r(303, 200, 200, 303, 303, 200, 200),
  "GET /settings": r(303, 200, 200, 303, 303, 200, 200),
  "POST /settings": r(303, 400, 400, 303, 303, 403, 403),
  "GET /settings/sessions": r(303, 200, 200, 303, 303, 403, 403),
  "POST /settings/sessions": r(303, 400, 400, 303, 303, 403, 403),
  "GET /settings/tokens": r(303, 200, 200, 303, 303, 403, 403),
  "POST /settings/tokens": r(303, 400, 400, 303, 303, 403, 403),
  "GET /settings/audit": r(303, 200, 200, 303, 303, 200, 200),

  // Account API. Sign-up, sign-in and reset are public (an empty body is 400). Sessions and
  // tokens are managed only from a browser session; another user's id is 404.
  "POST /v1/auth/signup": r(400, 400, 400, 400, 400, 400, 400),
  "POST /v1/auth/login": r(400, 400, 400, 400, 400, 400, 400),
  "POST /v1/auth/logout": r(401, 204, 204, 401, 401, 403, 403),
  "GET /v1/auth/me": r(401, 200, 200, 401, 401, 200, 200),
  "POST /v1/auth/password/forgot": r(400, 400, 400, 400, 400, 400, 400),
  "POST /v1/auth/password/reset": r(400, 400, 400, 400, 400, 400, 400),
  "POST /v1/auth/verify": r(400, 400, 400, 400, 400, 400, 400),
  "POST /v1/auth/verify/resend": r(400, 202, 202, 400, 400, 400, 400),
  "GET /v1/auth/sessions": r(401, 200, 200, 401, 401, 403, 403),
  "DELETE /v1/auth/sessions/:id": r(401, 204, 404, 401, 401, 403, 403),
  "GET /v1/tokens": r(401, 200, 200, 401, 401, 403, 403),
  "POST /v1/tokens": r(401, 400, 400, 401, 401, 403, 403),
  "DELETE /v1/tokens/:id": r(401, 204, 404, 401, 401, 403, 403),
  "GET /v1/audit": r(401, 200, 200, 401, 401, 403, 200, { lacks: "audit:read" }),
};

/** Fills path parameters with resources owned by the owner. */
function pathFor(pattern: string, f: Fixtures): string {
  return pattern.replace(/:(\w+)\*?/g, (_, name: string) => {
    const values: Record<string, string> = {
      id: pattern.startsWith("/v1/tokens") ? f.spareTokenId : f.spareSessionId,
    };
    if (!(name in values)) throw new Error(`no fixture for :${name} in ${pattern}`);
    return values[name]!;
  });
}

let requestCount = 0;

async function run(
  app: TestApp,
  method: string,
  pattern: string,
  row: Row | undefined,
  f: Fixtures,
  caller: Caller,
) {
  // Each request from its own address, so per-IP rate limits do not leak between rows.
  const n = ++requestCount;
  const ip = `10.77.${Math.floor(n / 250)}.${n % 250}`;
  const headers: Record<string, string> = { ...f.headers[caller] };
  let body: string | undefined;
  if (method !== "GET" && method !== "DELETE") {
    // Pages take forms, the API takes JSON; an empty one of each reaches the checks.
    const form = row?.form ?? (pattern.startsWith("/v1/") ? undefined : "");
    headers["content-type"] = form !== undefined
      ? "application/x-www-form-urlencoded"
      : "application/json";
    body = form ?? "{}";
  }
  const res = await app.request(pathFor(pattern, f), { method, headers, body, ip });
  await res.body?.cancel();
  return res.status;
}

Deno.test("every route answers every kind of caller as recorded, and denied requests change nothing", async () => {
  await using app = await createTestApp();
  const owner = await createUser(app, { handle: "olive" });
  const other = await createUser(app, { handle: "mallory" });
  const actual: Record<string, Record<Caller, number>> = {};
  const problems: string[] = [];
  for (const route of app.routes) {
    for (const method of route.methods) {
      if (method === "HEAD" || method === "OPTIONS") continue;
      const key = `${method} ${route.pattern}`;
      const row = MATRIX[key];
      actual[key] = {} as Record<Caller, number>;
      for (const caller of CALLERS) {
        const f = await buildFixtures(app, owner, other, row?.lacks ?? "audit:read");
        const before = await snapshot(app);
        const status = await run(app, method, route.pattern, row, f, caller);
        actual[key][caller] = status;
        if ([401, 403, 404].includes(status) && await snapshot(app) !== before) {
          problems.push(`${key} as ${caller} answered ${status} but changed the database`);
        }
        if (row && row[caller] !== status) {
          problems.push(`${key} as ${caller}: expected ${row[caller]}, got ${status}`);
        }
      }
      if (!row) problems.push(`${key} has no row in the matrix`);
    }
  }
  const routes = new Set(Object.keys(actual));
  for (const key of Object.keys(MATRIX)) {
    if (!routes.has(key)) problems.push(`${key} is in the matrix but not a route`);
  }
  if (problems.length) {
    const table = Object.entries(actual).map(([k, v]) =>
      `  "${k}": r(${CALLERS.map((c) => v[c]).join(", ")}),`
    ).join("\n");
    assert.fail(`${problems.join("\n")}\n\nActual matrix (${CALLERS.join(", ")}):\n${table}`);
  }
});
