// ORGS_ENABLED off (the default): no organization route exists. Every path an organization
// route would serve answers exactly as an unknown path does, for every method it would take.
import { assert } from "../helpers/assert.ts";
import { createTestApp, type TestApp } from "../helpers/app.ts";
import { createUser } from "../helpers/accounts.ts";
import manifest from "@/routes.gen.ts";
import { ORG_ROUTE_FILE } from "@/lib/http/org_routes.ts";
import { ORGS_ON } from "./helpers.ts";

/** The org routes' patterns and methods, as the app with the flag on serves them. */
async function orgRoutes() {
  await using on = await createTestApp({ env: ORGS_ON });
  const files = new Set(Object.keys(manifest.routes).filter((f) => ORG_ROUTE_FILE.test(f)));
  return on.routes.filter((r) => files.has(`./routes/${r.file}`) || files.has(r.file));
}

async function answer(app: TestApp, method: string, path: string, cookie?: string) {
  const res = await app.request(path, {
    method,
    headers: {
      origin: app.config.publicOrigin,
      ...(cookie ? { cookie } : {}),
      ...(method === "GET" || method === "HEAD" ? {} : { "content-type": "application/json" }),
    },
    body: method === "GET" || method === "HEAD" ? undefined : "{}",
  });
  return {
    status: res.status,
    type: res.headers.get("content-type"),
    body: (await res.text()).replaceAll(path, "<path>"),
  };
}

Deno.test("with ORGS_ENABLED off, every organization path answers exactly like an unknown path", async () => {
  const routes = await orgRoutes();
  assert.ok(routes.length >= 15, `found only ${routes.length} organization routes`);
  await using app = await createTestApp();
  assert.ok(
    app.routes.every((r) =>
      !/^\/(v1\/)?(orgs|invitations)\b/.test(r.pattern.slice(1) ? r.pattern : "")
    ),
  );
  const user = await createUser(app, { handle: "olive" });
  for (const route of routes) {
    const path = route.pattern.replace(/:(\w+)\*?/g, (_, name) => `x-${name}`);
    const unknown = path.replace(
      /^\/(v1\/)?(orgs|invitations)/,
      (_, v1) => `/${v1 ?? ""}no-such-thing`,
    );
    for (const method of route.methods) {
      for (const cookie of [undefined, user.cookie]) {
        const got = await answer(app, method, path, cookie);
        const expected = await answer(app, method, unknown, cookie);
        assert.deepEqual(
          got,
          expected,
          `${method} ${path} (${cookie ? "signed in" : "anonymous"})`,
        );
        assert.equal(got.status, 404, `${method} ${path}`);
      }
    }
  }
});

Deno.test("with ORGS_ENABLED off, the app lists no organization route; on, it lists them", async () => {
  await using off = await createTestApp();
  await using on = await createTestApp({ env: ORGS_ON });
  const org = (r: { pattern: string }) => /^\/(v1\/)?(orgs|invitations)(\/|$)/.test(r.pattern);
  assert.deepEqual(off.routes.filter(org), []);
  assert.ok(on.routes.filter(org).length >= 15);
});

Deno.test("with ORGS_ENABLED off, the dashboard shows no organizations or invitations", async () => {
  await using app = await createTestApp();
  const user = await createUser(app);
  const html = await (await app.request("/dashboard", { headers: { cookie: user.cookie } })).text();
  assert.ok(!html.includes("Organizations"), "the dashboard mentions organizations");
  assert.ok(!html.includes("/orgs/new"));
});
