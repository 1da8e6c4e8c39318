// docs/adr/0010's table, enforced at every route that names a package: an organization's
// private package asked for by each role, team grant and outsider, by a member removed after
// their session and token were made, and by nobody (tests/security/matrix/org_packages.ts).
// Every answer is as recorded, and a refusal (401, 403, 404) changes nothing.
import { assert } from "../helpers/assert.ts";
import { createTestApp } from "../helpers/app.ts";
import { ORGS_ON } from "../orgs/helpers.ts";
import { snapshot } from "./callers.ts";
import { getOrgByHandle } from "@/lib/orgs/orgs.ts";
import { getOwnPackage } from "@/lib/packages/packages.ts";
import { pinnedKeysOf } from "@/lib/packages/signer_keys.ts";
import {
  bodyOf,
  ORG_CALLERS,
  ORG_PACKAGE_ROWS,
  orgPackageWorld,
  PACKAGE,
} from "./matrix/org_packages.ts";

const PARAMS: Record<string, string> = {
  owner: "acme",
  package: PACKAGE,
  name: PACKAGE,
  handle: "acme",
  version: "1.0.0",
};

Deno.test("every route that names a package answers each organization caller as ADR 0010's table says, and refusals change nothing", async () => {
  await using app = await createTestApp({ env: ORGS_ON });
  const callers = await orgPackageWorld(app);
  const org = await getOrgByHandle(app.services.db, "acme");
  const pkg = await getOwnPackage(app.services.db, org!.id, PACKAGE);
  PARAMS.fingerprint = (await pinnedKeysOf(app.services.db, pkg!.id)).keys[0]!.fingerprint;
  const problems: string[] = [];
  const actual: string[] = [];
  // Team grants (/v1/orgs/.../packages/:package) are the organization's, in its own matrix.
  const routes = app.routes.filter((r) =>
    /:(package|name)\b/.test(r.pattern) && !r.pattern.startsWith("/v1/orgs/")
  );
  let n = 0;
  for (const route of routes) {
    for (const method of route.methods) {
      if (method === "HEAD" || method === "OPTIONS") continue;
      const key = `${method} ${route.pattern}`;
      const row = ORG_PACKAGE_ROWS[key];
      if (!row) problems.push(`${key} has no row`);
      const path = route.pattern.replace(
        /:(\w+)/g,
        (_, p: string) => encodeURIComponent(PARAMS[p]!),
      );
      const got: number[] = [];
      for (const caller of ORG_CALLERS) {
        const ip = `10.88.${Math.floor(++n / 250)}.${n % 250}`;
        const { body, headers } = method === "GET" || method === "DELETE"
          ? { body: undefined, headers: {} }
          : await bodyOf(row ?? { ...row!, body: undefined }, route.pattern, PARAMS);
        const before = await snapshot(app);
        const res = await app.request(path, {
          method,
          headers: { ...callers[caller], ...headers },
          body,
          ip,
          redirect: "manual",
        });
        await res.body?.cancel();
        got.push(res.status);
        if ([401, 403, 404].includes(res.status) && await snapshot(app) !== before) {
          problems.push(`${key} as ${caller} answered ${res.status} but changed the database`);
        }
        if (row && row[caller] !== res.status) {
          problems.push(`${key} as ${caller}: expected ${row[caller]}, got ${res.status}`);
        }
      }
      actual.push(`  "${key}": o([${got.join(", ")}]),`);
    }
  }
  for (const key of Object.keys(ORG_PACKAGE_ROWS)) {
    if (!routes.some((r) => r.methods.some((m) => `${m} ${r.pattern}` === key))) {
      problems.push(`${key} is in the matrix but not a route`);
    }
  }
  if (problems.length) assert.fail(`${problems.join("\n")}\n\nActual:\n${actual.join("\n")}`);
});
