import { assert, assertExcludes, assertIncludes } from "../helpers/assert.ts";
import { createTestApp } from "../helpers/app.ts";

Deno.test("healthz answers like the inactu control API after checking the database", async () => {
  await using app = await createTestApp();
  const res = await app.request("/healthz");
  assert.equal(res.status, 200);
  assert.equal(res.headers.get("content-type"), "application/json");
  assert.deepEqual(await res.json(), {
    status: "ok",
    service: "inactu-control",
    version: "0.1.0",
    database_enabled: true,
  });
});

Deno.test("healthz answers 503 with database_enabled false when the database does not answer", async () => {
  await using app = await createTestApp();
  app.services.database.close();
  const res = await app.request("/healthz");
  assert.equal(res.status, 503);
  const body = await res.json();
  assert.equal(body.database_enabled, false);
  assert.equal(body.status, "unavailable");
});

Deno.test("every response carries the security headers and a request id", async () => {
  await using app = await createTestApp();
  for (const path of ["/", "/healthz", "/favicon.svg", "/v1/nope", "/nope"]) {
    const res = await app.request(path);
    await res.body?.cancel();
    const csp = res.headers.get("content-security-policy") ?? "";
    assertIncludes(csp, "script-src 'self'");
    assertIncludes(csp, "frame-ancestors 'none'");
    assertExcludes(csp, "unsafe-inline");
    assert.equal(res.headers.get("x-content-type-options"), "nosniff", path);
    assert.equal(res.headers.get("referrer-policy"), "strict-origin-when-cross-origin", path);
    assert.match(res.headers.get("x-request-id") ?? "", /^[0-9a-f-]{36}$/, path);
    // Plain http in tests: HSTS only makes sense on an https origin.
    assert.equal(res.headers.get("strict-transport-security"), null);
  }
});

Deno.test("HSTS is sent when the public origin is https", async () => {
  await using app = await createTestApp({ env: { PUBLIC_ORIGIN: "https://control.example.com" } });
  const res = await app.request("/healthz");
  assert.equal(res.headers.get("strict-transport-security"), "max-age=63072000; includeSubDomains");
});

Deno.test("dynamic pages are not stored by caches unless they say otherwise; static files are", async () => {
  await using app = await createTestApp();
  const home = await app.request("/");
  await home.body?.cancel();
  assert.equal(home.headers.get("cache-control"), "no-store");
  const icon = await app.request("/favicon.svg");
  await icon.body?.cancel();
  assert.equal(icon.headers.get("cache-control"), "public, max-age=0, must-revalidate");
});

Deno.test("unknown /v1 paths are JSON 404s, unknown pages are the HTML 404 page", async () => {
  await using app = await createTestApp();
  const api = await app.request("/v1/does/not/exist");
  assert.equal(api.status, 404);
  assert.equal(api.headers.get("content-type"), "application/json; charset=utf-8");
  assert.deepEqual(await api.json(), { error: "not found" });
  const page = await app.request("/does/not/exist");
  assert.equal(page.status, 404);
  assertIncludes(await page.text(), "We could not find that page");
});

Deno.test("the landing page says what the product does and links to sign up and explore", async () => {
  await using app = await createTestApp();
  const html = await (await app.request("/")).text();
  assertIncludes(
    html,
    "<title>Signed WebAssembly skills, published and watched · inactu control</title>",
  );
  assertIncludes(html, "package registry and control plane for inactu skills");
  assertIncludes(html, 'href="/signup"');
  assertIncludes(html, 'href="/explore"');
});

Deno.test("the access log has one JSON line per request with no query string or cookie", async () => {
  await using app = await createTestApp({ env: { ACCESS_LOG: "true" } });
  const res = await app.request("/healthz?token=secret-value", {
    headers: { cookie: "session=abc" },
  });
  await res.body?.cancel();
  const lines = app.logs.map((l) => JSON.parse(l)).filter((l) => l.msg === "request");
  assert.equal(lines.length, 1);
  const line = lines[0];
  assert.equal(line.method, "GET");
  assert.equal(line.path, "/healthz");
  assert.equal(line.status, 200);
  assert.equal(typeof line.duration_ms, "number");
  assert.equal(line.request_id, res.headers.get("x-request-id"));
  assertExcludes(JSON.stringify(app.logs), "secret-value");
  assertExcludes(JSON.stringify(app.logs), "session=abc");
});

Deno.test("a page answers methods it does not handle with 405 and Allow", async () => {
  await using app = await createTestApp();
  const res = await app.request("/", { method: "DELETE" });
  assert.equal(res.status, 405);
  assert.equal(res.headers.get("allow"), "GET, HEAD");
  assertIncludes(await res.text(), "DELETE is not allowed here; allowed: GET, HEAD");
});
