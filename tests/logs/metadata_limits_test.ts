// Ingestion bounds metadata_json's shape (depth and items), so no stored line is costly to
// print: the five 3,000-deep lines made a 90 MB viewer page.
import { assert } from "../helpers/assert.ts";
import { getJson, newContext, sendJson, setUp } from "../contexts/fixtures.ts";
import { METADATA_LIMITS } from "@/lib/logs/lines.ts";

/** `depth` arrays inside one another, in an object: {"a":[[...]]} is depth + 1 levels. */
function deepMetadata(depth: number): string {
  return `{"a":${"[".repeat(depth)}${"]".repeat(depth)}}`;
}

Deno.test("metadata_json nested deeper than 20 levels is refused with a 400 naming the line and the limit", async () => {
  const rt = await setUp();
  await using _ = rt.app;
  const context = await newContext(rt);
  const path = `/v1/contexts/${context.id}/logs`;
  const line = (depth: number) =>
    `{"severity":"info","message":"deep","metadata_json":${deepMetadata(depth)}}`;
  const refused = await sendJson(
    rt.app,
    "POST",
    path,
    `[${line(1)},${Array(4).fill(line(2999)).join(",")}]`,
    rt.auth,
  );
  assert.equal(refused.status, 400);
  assert.deepEqual(await refused.json(), {
    error: "line 2: metadata_json must nest at most 20 levels of objects and arrays",
  });
  const ndjson = await rt.app.request(path, {
    method: "POST",
    headers: { ...rt.auth, "content-type": "application/x-ndjson" },
    body: `${line(1)}\n\n${line(METADATA_LIMITS.maxDepth)}\n`,
  });
  assert.equal(ndjson.status, 400);
  assert.deepEqual(await ndjson.json(), {
    error: "line 3: metadata_json must nest at most 20 levels of objects and arrays",
  });
  const stored = await getJson(rt, path);
  assert.deepEqual(stored.body.logs, []);
  // 20 levels in all (the object and 19 arrays) is allowed.
  const ok = await sendJson(rt.app, "POST", path, line(METADATA_LIMITS.maxDepth - 1), rt.auth);
  assert.equal(ok.status, 201);
});

Deno.test("metadata_json with more than 1,000 keys and items is refused with a 400 naming the limit", async () => {
  const rt = await setUp();
  await using _ = rt.app;
  const context = await newContext(rt);
  const path = `/v1/contexts/${context.id}/logs`;
  const keys = (n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`k${i}`, i]));
  const refused = await sendJson(rt.app, "POST", path, {
    severity: "info",
    message: "wide",
    metadata_json: { list: Array(999).fill(0), more: 1 },
  }, rt.auth);
  assert.equal(refused.status, 400);
  assert.deepEqual(await refused.json(), {
    error: "metadata_json must hold at most 1000 keys and array items in all",
  });
  const ok = await sendJson(rt.app, "POST", path, {
    severity: "info",
    message: "wide",
    metadata_json: keys(1000),
  }, rt.auth);
  assert.equal(ok.status, 201);
});

Deno.test("metadata_json nested 8,000 deep, within 16 KiB, is refused for its depth", async () => {
  const rt = await setUp();
  await using _ = rt.app;
  const context = await newContext(rt);
  const res = await sendJson(
    rt.app,
    "POST",
    `/v1/contexts/${context.id}/logs`,
    `{"severity":"info","message":"deep","metadata_json":${deepMetadata(8000)}}`,
    rt.auth,
  );
  assert.equal(res.status, 400);
  assert.deepEqual(await res.json(), {
    error: "metadata_json must nest at most 20 levels of objects and arrays",
  });
});
