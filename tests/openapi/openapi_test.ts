// The OpenAPI document (lib/openapi/document.ts): it covers exactly the /v1 routes, is served
// and committed as generated, has the structure OpenAPI 3.1 asks for, and the contract check
// every API test runs through (tests/helpers/contract.ts) catches a response that drifts.
import { Ajv2020 } from "ajv/dist/2020.js";
import { Validator } from "@seriousme/openapi-schema-validator";
import { assert } from "../helpers/assert.ts";
import { createTestApp } from "../helpers/app.ts";
import { createUser } from "../helpers/accounts.ts";
import { publishTestVersion } from "../helpers/packages.ts";
import { contractProblem } from "../helpers/contract.ts";
import { OAS31_SUBSET } from "./oas31_subset.ts";
import manifest from "@/routes.gen.ts";
import { buildDocument, openApiPath } from "@/lib/openapi/document.ts";
import { documentText } from "@/lib/openapi/served.ts";

type Doc = { paths: Record<string, Record<string, { security: Record<string, string[]>[] }>> };
type FlagDoc = { paths: Record<string, Record<string, { "x-requires-flag"?: string }>> };

/** The /v1 operations an app routes, as `method path`. */
function routedOperations(app: { routes: { pattern: string; methods: string[] }[] }) {
  return app.routes.filter((r) => r.pattern.startsWith("/v1/")).flatMap((r) =>
    r.methods.filter((m) => m !== "HEAD" && m !== "OPTIONS")
      .map((m) => `${m.toLowerCase()} ${openApiPath(r.pattern)}`)
  ).sort();
}

// The document describes the app with every flag on; an operation that exists only under a
// flag says which (x-requires-flag), and is exactly what the app without it does not route.
Deno.test("every /v1 operation of the router is described, and every described operation exists", async () => {
  await using on = await createTestApp({ env: { ORGS_ENABLED: "true" } });
  await using off = await createTestApp();
  const doc = buildDocument(manifest) as FlagDoc;
  const described = Object.entries(doc.paths)
    .flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m} ${path}`)).sort();
  assert.deepEqual(described, routedOperations(on));
  const flagged = Object.entries(doc.paths).flatMap(([path, ops]) =>
    Object.entries(ops).filter(([, op]) => op["x-requires-flag"] === "ORGS_ENABLED")
      .map(([m]) => `${m} ${path}`)
  ).sort();
  assert.ok(flagged.length >= 20, `only ${flagged.length} operations need ORGS_ENABLED`);
  assert.deepEqual(described.filter((o) => !flagged.includes(o)), routedOperations(off));
});

Deno.test("each operation lists the token scope its access declaration needs", () => {
  const doc = buildDocument(manifest) as Doc;
  assert.deepEqual(doc.paths["/v1/packages"]!.get!.security, [
    { bearer: ["packages:read"] },
    { session: [] },
  ]);
  assert.deepEqual(doc.paths["/v1/verify/bundle"]!.post!.security, []);
  assert.deepEqual(doc.paths["/v1/tokens"]!.post!.security, [{ session: [] }]);
});

Deno.test("/v1/openapi.json serves the committed docs/openapi.json, cacheable with an ETag", async () => {
  await using app = await createTestApp();
  const res = await app.request("/v1/openapi.json");
  assert.equal(res.status, 200);
  const text = await res.text();
  const committed = await Deno.readTextFile(new URL("../../docs/openapi.json", import.meta.url));
  assert.equal(text, documentText(manifest));
  assert.equal(committed, text, "docs/openapi.json is stale: run `deno task openapi`");
  const etag = res.headers.get("etag")!;
  assert.ok(etag && res.headers.get("cache-control")?.startsWith("public"));
  const again = await app.request("/v1/openapi.json", { headers: { "if-none-match": etag } });
  assert.equal(again.status, 304);
  await again.body?.cancel();
});

Deno.test("/v1/openapi.json is a valid OpenAPI 3.1 document by the official OAS schema", async () => {
  await using app = await createTestApp();
  const served = await (await app.request("/v1/openapi.json")).json();
  const validator = new Validator();
  const result = await validator.validate(served);
  assert.equal(validator.version, "3.1");
  assert.ok(result.valid, JSON.stringify(result.errors, null, 1));
  // The validator does reject a broken document (a test that cannot fail checks nothing).
  served.paths["/v1/packages"].get.responses["200"].description = 5;
  assert.equal((await new Validator().validate(served)).valid, false);
});

// The official schema allows what our tooling cannot use (an operation without operationId or
// summary, a media type or parameter without a schema, which the contract check needs): the
// subset adds those house rules, and compiles every embedded schema with its references.
Deno.test("the document follows our stricter OpenAPI rules and each of its schemas compiles", () => {
  const doc = buildDocument(manifest);
  const ajv = new Ajv2020({ allErrors: true, strict: false, validateFormats: false });
  const validate = ajv.compile(OAS31_SUBSET);
  assert.ok(validate(doc), ajv.errorsText(validate.errors));
  // Every schema, with the components in reach of its references, is valid JSON Schema.
  const text = JSON.stringify(doc).replaceAll('"#/components/', '"doc#/components/');
  const copy = JSON.parse(text) as { components: unknown; paths: unknown };
  ajv.addSchema({ $id: "doc", components: copy.components });
  const schemas: unknown[] = [];
  const walk = (v: unknown) => {
    if (Array.isArray(v)) return v.forEach(walk);
    if (typeof v !== "object" || v === null) return;
    for (const [k, child] of Object.entries(v)) k === "schema" ? schemas.push(child) : walk(child);
  };
  walk(copy.paths);
  assert.ok(schemas.length > 50);
  for (const s of schemas) ajv.compile(s as object);
});

Deno.test("a response that drifts from its description is reported by the contract check", async () => {
  const req = new Request("http://localhost/v1/packages");
  const drifted = Response.json({ packages: [{ name: "x" }], next_cursor: null });
  const problem = await contractProblem(req, drifted);
  assert.ok(problem?.includes("GET /v1/packages 200 does not match"), String(problem));
  const undescribed = Response.json({}, { status: 202 });
  assert.ok((await contractProblem(req, undescribed))?.includes("not described"));
});

Deno.test("the package list says where the next page is in a Link header, and not on the last page", async () => {
  await using app = await createTestApp();
  const user = await createUser(app);
  for (const name of ["a.one", "b.two", "c.three"]) {
    await publishTestVersion(app, user, name, "1.0.0");
  }
  const first = await app.request("/v1/packages?sort=name&limit=2", {
    headers: { cookie: user.cookie },
  });
  const body = await first.json();
  const link = first.headers.get("link")!;
  const next = new URL(link.match(/^<([^>]+)>; rel="next"$/)![1]!);
  assert.equal(next.origin, app.config.publicOrigin);
  assert.equal(next.searchParams.get("cursor"), body.next_cursor);
  const second = await app.request(next.pathname + next.search, {
    headers: { cookie: user.cookie },
  });
  assert.deepEqual((await second.json()).packages.map((p: { name: string }) => p.name), [
    "c.three",
  ]);
  assert.equal(second.headers.get("link"), null);
});
