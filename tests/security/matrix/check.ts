// The authorization matrix's runner (see route_matrix_test.ts).
import { assert } from "../../helpers/assert.ts";
import type { TestApp } from "../../helpers/app.ts";
import { createUser } from "../../helpers/accounts.ts";
import {
  buildFixtures,
  type Caller,
  CALLERS,
  type Fixtures,
  type Person,
  snapshot,
} from "../callers.ts";
import type { MatrixPart, Row } from "./types.ts";
import manifest from "@/routes.gen.ts";
import { type Requirement, requirementFor, scopeOf } from "@/lib/http/access.ts";
import { ACTIONS } from "@/lib/access/policy.ts";
import { accounts } from "./accounts.ts";
import { packages } from "./packages.ts";
import { packagePages } from "./package_pages.ts";
import { contexts } from "./contexts.ts";
import { verifier } from "./verifier.ts";
import { alertRoutes } from "./alerts.ts";
import { checkOthersUpload } from "../staged_uploads.ts";

/** The parts of the matrix for the app as configured by default. */
export const PARTS: MatrixPart[] = [
  accounts,
  packages,
  packagePages,
  contexts,
  verifier,
  alertRoutes,
];

/** Fills path parameters with resources of the owner, from every part's `params`. */
async function pathFor(
  app: TestApp,
  parts: MatrixPart[],
  pattern: string,
  owner: Person,
  f: Fixtures,
): Promise<string> {
  const values: Record<string, string> = {};
  for (const part of parts) Object.assign(values, await part.params?.(app, owner, f));
  return pattern.replace(/:(\w+)\*?/g, (_, name: string) => {
    if (!(name in values)) throw new Error(`no fixture for :${name} in ${pattern}`);
    return encodeURIComponent(values[name]!);
  });
}

/** The statuses a declaration decides by itself, before the handler runs. */
function declared(requirement: Requirement, api: boolean): Partial<Record<Caller, number>> {
  const signedOut = api ? 401 : 303;
  switch (requirement) {
    case "public":
      return {};
    case "page":
      return { noScope: 403, token: 403 };
    case "session":
      return { anon: signedOut, revoked: signedOut, expired: signedOut, noScope: 403, token: 403 };
    default: {
      const sessionOnly = "session" in ACTIONS[requirement];
      return {
        anon: 401,
        revoked: 401,
        expired: 401,
        ...(sessionOnly || scopeOf(requirement) ? { noScope: 403 } : {}),
        ...(sessionOnly ? { token: 403 } : {}),
      };
    }
  }
}

let requestCount = 0;

async function run(
  app: TestApp,
  method: string,
  pattern: string,
  row: Row | undefined,
  f: Fixtures,
  caller: Caller,
  path: string,
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
    body = form ?? JSON.stringify(row?.json ?? {});
  }
  const res = await app.request(path, { method, headers, body, ip });
  await res.body?.cancel();
  return res.status;
}

/**
 * Calls every route of `app` that `include` selects as every kind of caller and compares each
 * answer with the parts' rows (and the rows with the routes' declarations).
 */
export async function checkMatrix(
  app: TestApp,
  parts: MatrixPart[],
  include: (pattern: string) => boolean = () => true,
) {
  const MATRIX: Record<string, Row> = Object.assign({}, ...parts.map((p) => p.rows));
  const owner = await createUser(app, { handle: "olive" });
  const other = await createUser(app, { handle: "mallory" });
  const actual: Record<string, Record<Caller, number>> = {};
  const problems: string[] = [];
  for (const route of app.routes.filter((r) => include(r.pattern))) {
    for (const method of route.methods) {
      if (method === "HEAD" || method === "OPTIONS") continue;
      const key = `${method} ${route.pattern}`;
      const row = MATRIX[key];
      const requirement = requirementFor(manifest.routes[route.file]?.access, method)!;
      const expected = declared(requirement, route.pattern.startsWith("/v1/"));
      actual[key] = {} as Record<Caller, number>;
      for (const caller of CALLERS) {
        if (row && expected[caller] !== undefined && row[caller] !== expected[caller]) {
          problems.push(
            `${key} as ${caller}: the row says ${row[caller]}, the declaration ` +
              `"${requirement}" says ${expected[caller]}`,
          );
        }
        const lacks = scopeOf(requirement) ?? "audit:read";
        const f = await buildFixtures(app, owner, other, lacks);
        const path = await pathFor(app, parts, route.pattern, owner, f);
        const before = await snapshot(app);
        const status = await run(app, method, route.pattern, row, f, caller, path);
        actual[key][caller] = status;
        if ([401, 403, 404].includes(status) && await snapshot(app) !== before) {
          problems.push(`${key} as ${caller} answered ${status} but changed the database`);
        }
        if (row && row[caller] !== status) {
          problems.push(`${key} as ${caller}: expected ${row[caller]}, got ${status}`);
        }
      }
      if (!row) problems.push(`${key} has no row in the matrix`);
      if (row?.upload) {
        const f = await buildFixtures(app, owner, other, "audit:read");
        const path = await pathFor(app, parts, route.pattern, owner, f);
        const input = { key, method, path, row, other };
        problems.push(...await checkOthersUpload(app, input, f.headers.owner));
      }
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
}
