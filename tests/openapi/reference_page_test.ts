import { assert, assertIncludes } from "../helpers/assert.ts";
import { createTestApp } from "../helpers/app.ts";

Deno.test("the API reference lists every operation with curl commands on this server's origin", async () => {
  await using app = await createTestApp({ env: { PUBLIC_ORIGIN: "https://registry.example.org" } });
  const res = await app.request("/docs/api");
  assert.equal(res.status, 200);
  const html = await res.text();
  assertIncludes(html, "curl -X POST 'https://registry.example.org/v1/packages'");
  assertIncludes(html, "An API token with the packages:publish scope, or a browser session");
  assertIncludes(html, 'href="/docs/api"');
  assert.ok(!/<script[^>]+src="https?:/.test(html), "no third-party script");
});

Deno.test("searching the API reference keeps only the matching operations", async () => {
  await using app = await createTestApp();
  const html = await (await app.request("/docs/api?q=deprecate")).text();
  // The unqualified and the owner-qualified paths, POST and DELETE each.
  assertIncludes(html, "4 operations matching");
  assertIncludes(html, "/v1/packages/{package}/versions/{version}/deprecate");
  assertIncludes(html, "/v1/packages/@{owner}/{package}/versions/{version}/deprecate");
  assert.ok(!html.includes(">/v1/contexts<"));
});
