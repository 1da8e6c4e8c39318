import { z } from "zod";
import { assert } from "../helpers/assert.ts";
import { readBodyCapped, readForm, readJson } from "@/lib/http/body.ts";
import { JSON_BODY_LIMITS, jsonShapeProblem } from "@/lib/http/json_shape.ts";
import { createTestApp } from "../helpers/app.ts";
import { intParam, parseQuery } from "@/lib/http/query.ts";
import { HttpError } from "@/lib/framework/http_error.ts";

function jsonRequest(body: BodyInit, type = "application/json") {
  return new Request("http://x/", { method: "POST", headers: { "content-type": type }, body });
}

async function httpError(p: Promise<unknown>): Promise<HttpError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof HttpError) return e;
    throw e;
  }
  throw new Error("expected an HttpError");
}

Deno.test("a body over the limit is 413 naming the limit, even when Content-Length lies", async () => {
  const stream = new ReadableStream({
    pull(c) {
      c.enqueue(new Uint8Array(64 * 1024));
    },
  });
  const req = new Request("http://x/", {
    method: "POST",
    body: stream,
    headers: { "content-length": "10" },
  });
  const e = await httpError(readBodyCapped(req, 1024 * 1024));
  assert.equal(e.status, 413);
  assert.equal(e.message, "request body is larger than the limit of 1 MiB");
});

Deno.test("readJson rejects wrong content types, bad JSON and unknown fields with clear messages", async () => {
  const schema = z.strictObject({ name: z.string().min(1, "is required") });
  assert.deepEqual(await readJson(jsonRequest('{"name":"a"}'), schema), { name: "a" });
  const cases: [Request, number, string][] = [
    [jsonRequest('{"name":"a"}', "text/plain"), 415, "Content-Type must be application/json"],
    [jsonRequest("{nope"), 400, "request body is not valid JSON"],
    [jsonRequest('{"name":"a","owner_id":"x"}'), 400, "unknown field owner_id"],
    [jsonRequest('{"name":""}'), 400, "name: is required"],
  ];
  for (const [req, status, message] of cases) {
    const e = await httpError(readJson(req, schema));
    assert.equal(e.status, status);
    assert.ok(e.message.startsWith(message), e.message);
  }
});

Deno.test("readForm parses urlencoded forms within the cap", async () => {
  const req = new Request("http://x/", {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: "email=a%40b.c&x=1",
  });
  const form = await readForm(req);
  assert.equal(form.get("email"), "a@b.c");
  const big = new Request("http://x/", {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: "a=" + "x".repeat(70_000),
  });
  assert.equal((await httpError(readForm(big))).status, 413);
});

Deno.test("limit=-1, limit=abc, limit=1e9 and limit=1.5 are 400s that state the allowed range", () => {
  const schema = z.strictObject({ limit: intParam(1, 200).optional() });
  assert.deepEqual(parseQuery(new URL("http://x/?limit=50"), schema), { limit: 50 });
  assert.deepEqual(parseQuery(new URL("http://x/?limit="), schema), {});
  for (const bad of ["-1", "abc", "1e9", "1.5", "0", "201", "99999999999999"]) {
    assert.throws(() => parseQuery(new URL(`http://x/?limit=${bad}`), schema), (e: HttpError) => {
      assert.equal(e.status, 400);
      assert.equal(e.message, "query parameter limit: must be a whole number from 1 to 200");
      return true;
    });
  }
  assert.throws(() => parseQuery(new URL("http://x/?sort=x"), schema), /unknown field sort/);
});

/** `depth` arrays inside one another, e.g. nest(2) is [[]]. */
function nest(depth: number, inner = ""): string {
  return "[".repeat(depth) + inner + "]".repeat(depth);
}

Deno.test("readJson refuses a body nested deeper than 32 levels or holding over 10,000 items, naming the limit", async () => {
  const schema = z.strictObject({ name: z.unknown() });
  const ok = `{"name":${nest(JSON_BODY_LIMITS.maxDepth - 1)}}`;
  assert.ok(await readJson(jsonRequest(ok), schema));
  const cases: [string, string][] = [
    [
      `{"name":${nest(JSON_BODY_LIMITS.maxDepth)}}`,
      "request body must nest at most 32 levels of objects and arrays",
    ],
    // 300,000 levels in 600 KB: a 400 like any other, not a stack overflow.
    [nest(300_000), "request body must nest at most 32 levels of objects and arrays"],
    [
      `{"name":[${Array(10_000).fill(0).join(",")}]}`,
      "request body must hold at most 10000 keys and array items in all",
    ],
  ];
  for (const [body, message] of cases) {
    const e = await httpError(readJson(jsonRequest(body), schema));
    assert.equal(e.status, 400);
    assert.equal(e.message, message);
  }
});

Deno.test("every JSON endpoint refuses a deeply nested body with the same 400", async () => {
  await using app = await createTestApp();
  const res = await app.request("/v1/hash/sha256", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: `{"payload":${nest(100_000)}}`,
  });
  assert.equal(res.status, 400);
  assert.deepEqual(await res.json(), {
    error: "request body must nest at most 32 levels of objects and arrays",
  });
});

Deno.test("the JSON shape check walks a value a million levels deep without recursion", () => {
  const deep = JSON.parse(nest(1_000_000));
  const limits = { maxDepth: 2_000_000, maxItems: 2_000_000 };
  assert.equal(jsonShapeProblem(deep, limits), null);
  assert.equal(
    jsonShapeProblem(deep, { maxDepth: 999_999, maxItems: 2_000_000 }),
    "must nest at most 999999 levels of objects and arrays",
  );
  // Depth counts objects too, and a flat object is one level.
  assert.equal(jsonShapeProblem({ a: 1 }, { maxDepth: 1, maxItems: 1 }), null);
  assert.ok(jsonShapeProblem({ a: { b: 1 } }, { maxDepth: 1, maxItems: 9 }));
  assert.ok(jsonShapeProblem({ a: [1], b: 2 }, { maxDepth: 9, maxItems: 2 }));
});

Deno.test("strictly parsed JSON (bundle files, the manifest check) has the same item limit", async () => {
  await using app = await createTestApp();
  const res = await app.request("/v1/verify/manifest", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: `{"manifest":[${Array(10_000).fill(0).join(",")}]}`,
  });
  assert.equal(res.status, 400);
  assert.deepEqual(await res.json(), {
    error: "request body is not valid JSON: request body must hold at most 10000 keys and " +
      "array items in all",
  });
});
