// docs/security.md: pages are for browser sessions, and every route declares who may call it.
import { assert, assertIncludes } from "../helpers/assert.ts";
import { createTestApp } from "../helpers/app.ts";
import { createToken, createUser } from "../helpers/accounts.ts";
import { ROUTE_RULES } from "@/main.ts";
import { createFreshApp } from "@/lib/framework/app.ts";
import { define } from "@/lib/define.ts";
import manifest from "@/routes.gen.ts";
import { requirementFor } from "@/lib/http/access.ts";

Deno.test("a token with only contexts:write cannot read the audit log, the dashboard or settings pages", async () => {
  await using app = await createTestApp();
  const user = await createUser(app);
  const token = await createToken(app, user, ["contexts:write"]);
  for (const path of ["/settings/audit", "/dashboard", "/settings", "/packages", "/contexts"]) {
    const res = await app.request(path, { headers: { authorization: `Bearer ${token}` } });
    assert.equal(res.status, 403, path);
    const body = await res.text();
    assertIncludes(body, "API tokens work on the /v1 API only");
    assert.ok(!body.includes("account.signup"), `${path} leaked the audit log`);
  }
  // The API equivalent refuses the same token for the same reason: it lacks the scope.
  const api = await app.request("/v1/audit", { headers: { authorization: `Bearer ${token}` } });
  assert.equal(api.status, 403);
});

Deno.test("a token with every scope is refused on every HTML page, public ones included", async () => {
  await using app = await createTestApp();
  const user = await createUser(app);
  const token = await createToken(app, user, [
    "packages:read",
    "packages:publish",
    "contexts:read",
    "contexts:write",
    "audit:read",
  ]);
  const pages = app.routes.filter((r) => {
    const req = requirementFor(manifest.routes[r.file]?.access, "GET");
    return r.methods.includes("GET") && (req === "page" || req === "session") &&
      !r.pattern.includes(":");
  });
  assert.ok(pages.length >= 10, `only ${pages.length} pages found`);
  for (const route of pages) {
    const res = await app.request(route.pattern, {
      headers: { authorization: `Bearer ${token}` },
    });
    await res.body?.cancel();
    assert.equal(res.status, 403, route.pattern);
  }
});

Deno.test("a route that declares no access refuses to build, naming the file and the method", () => {
  const routes = {
    "./routes/ok.ts": {
      access: "public",
      handler: define.handlers({ GET: () => new Response("ok") }),
    },
    "./routes/forgotten.ts": {
      handler: define.handlers({ GET: () => new Response("no"), POST: () => new Response("no") }),
      access: { GET: "page" },
    },
  };
  assert.throws(
    () =>
      createFreshApp({
        manifest: { routes, islands: {} },
        assets: { boot: "", css: "", islands: {} },
        origin: "http://localhost",
        ...ROUTE_RULES,
      }),
    Error,
    "./routes/forgotten.ts: POST declares no access",
  );
});

Deno.test("a declaration naming an unknown action counts as none", () => {
  assert.equal(requirementFor("package.delete_everything", "GET"), undefined);
  assert.equal(requirementFor({ GET: "page" }, "HEAD"), "page");
  assert.equal(requirementFor({ GET: "page" }, "POST"), undefined);
});
