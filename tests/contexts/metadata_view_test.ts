// How the viewer prints a line's metadata: indented JSON, cut at a fixed length with a link to
// the whole line, printed without recursion.
import { assert, assertExcludes, assertIncludes } from "../helpers/assert.ts";
import { previewJson } from "@/components/contexts/json_preview.ts";
import { METADATA_PREVIEW_CHARS } from "@/components/contexts/LogLine.tsx";
import { newContext, sendJson, setUp } from "./fixtures.ts";

Deno.test("the metadata preview prints what JSON.stringify(value, null, 2) prints, when it fits", () => {
  const values: unknown[] = [
    { a: 1, b: [true, null, 'x"<y>\n'], c: {}, d: [], e: { f: [[1.5e-7, -0]] } },
    [],
    {},
    { "": "", "\u2028": ["\ud83d\ude00"], big: 1e21 },
  ];
  for (const value of values) {
    assert.deepEqual(previewJson(value, 10_000), {
      text: JSON.stringify(value, null, 2),
      cut: false,
    });
  }
});

Deno.test("the metadata preview stops at its length, however deep or wide the value", () => {
  let deep: unknown = {};
  for (let i = 0; i < 1_000_000; i++) deep = { a: deep };
  const wide = { list: Array.from({ length: 1_000_000 }, (_, i) => i), s: "x".repeat(1e6) };
  for (const value of [deep, wide, { s: "y".repeat(1e6) }]) {
    const preview = previewJson(value, 500);
    assert.equal(preview.cut, true);
    assert.equal(preview.text.length, 500);
  }
  assert.equal(previewJson(wide, 50).text, JSON.stringify(wide, null, 2).slice(0, 50));
});

Deno.test("a line's metadata is cut at 2,000 characters on the page, with a link to the whole line", async () => {
  const rt = await setUp();
  await using _ = rt.app;
  const context = await newContext(rt);
  const metadata = Object.fromEntries(
    Array.from({ length: 300 }, (_, i) => [`key${i}`, `value ${i}`]),
  );
  const res = await sendJson(rt.app, "POST", `/v1/contexts/${context.id}/logs`, {
    severity: "info",
    message: "wide",
    metadata_json: metadata,
  }, rt.auth);
  assert.equal(res.status, 201);
  const id = (await res.json()).log.id;
  const pretty = JSON.stringify(metadata, null, 2).replaceAll('"', "&quot;");
  const page = async (query: string) =>
    await (await rt.app.request(`/contexts/${context.id}${query}`, {
      headers: { cookie: rt.user.cookie },
    })).text();

  const list = await page("");
  const preview = previewJson(metadata, METADATA_PREVIEW_CHARS).text.replaceAll('"', "&quot;");
  assertIncludes(list, `>${preview}</pre>`);
  assertExcludes(list, pretty);
  assertIncludes(list, "Truncated after 2,000 characters.");
  assertIncludes(list, `href="?line=${id}#L${id}"`);
  assertIncludes(list, "Show the whole line");

  const permalinked = await page(`?line=${id}`);
  assertIncludes(permalinked, `>${pretty}</pre>`);
  assertExcludes(permalinked, "Truncated after");
});
