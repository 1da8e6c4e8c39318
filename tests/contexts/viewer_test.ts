// What the log viewer page is made of for the newcomer-UX issue: compact rows, permalinks that
// say when their filters hide the line, a histogram keyboards do not have to tab through, and
// a page whose size stays within a budget.
import { assert, assertExcludes, assertIncludes } from "../helpers/assert.ts";
import { keyFields } from "@/components/contexts/key_fields.ts";
import { typicalViewerPage } from "../logs/typical_lines.ts";
import { newContext, sendLines, setUp } from "./fixtures.ts";

async function html(rt: Awaited<ReturnType<typeof setUp>>, path: string) {
  const res = await rt.app.request(path, { headers: { cookie: rt.user.cookie } });
  return { status: res.status, text: await res.text() };
}

Deno.test("each log line is one row that opens on click; its key metadata fields show inline", async () => {
  const rt = await setUp();
  await using _ = rt.app;
  const context = await newContext(rt);
  const { first } = await sendLines(rt, context.id, [
    {
      severity: "info",
      message: "GET /v1/items 200",
      metadata_json: { status: 200, request_id: "req-7", duration_ms: 12 },
    },
    {
      severity: "warn",
      message: "retrying",
      metadata_json: { attempt: 2, upstream: { host: "db", port: 5432 } },
    },
    { severity: "debug", message: "plain" },
  ]);
  const page = await html(rt, `/contexts/${context.id}`);
  const row = (id: number) => {
    const at = page.text.indexOf(`<li id="L${id}"`);
    return page.text.slice(at, page.text.indexOf("</li>", at));
  };
  // One <details> per line: a one-line summary, the rest revealed on click, no JS needed.
  const flat = row(first);
  assertIncludes(flat, "<details><summary>");
  assertIncludes(
    flat,
    '<span class="k">request_id=req-7 status=200 duration_ms=12</span></summary>',
  );
  // The inline fields say everything, so no JSON block repeats them.
  assertExcludes(flat, "<pre>");
  assertIncludes(flat, `<a href="?line=${first}#L${first}">Link to line ${first}</a>`);
  // Nested metadata: the scalar fields inline, the whole value as JSON when opened.
  const nested = row(first + 1);
  assertIncludes(nested, '<span class="k">attempt=2</span>');
  assertIncludes(nested, "<pre>{\n  &quot;attempt&quot;: 2,");
  const plain = row(first + 2);
  assertExcludes(plain, 'class="k"');
  assertIncludes(plain, '<span class="s debug">debug</span><span class="m">plain</span>');
  // The old per-line "metadata" disclosure is gone.
  assertExcludes(page.text, ">metadata</summary>");
});

Deno.test("inline metadata fields put the usual ones first and never pass off a cut or ambiguous value as whole", () => {
  assert.deepEqual(keyFields({ zone: "eu", status: 500, request_id: "r-1" }), {
    text: "request_id=r-1 status=500 zone=eu",
    complete: true,
  });
  assert.deepEqual(keyFields(null), { text: "", complete: true });
  for (
    const value of [
      { note: "two words" },
      { code: "200" },
      { long: "x".repeat(41) },
      { a: 1, b: 2, c: 3, d: 4, e: 5 },
      { list: [1] },
      { "odd key": 1 },
    ]
  ) {
    assert.equal(keyFields(value).complete, false, JSON.stringify(value));
  }
  assert.equal(keyFields({ long: "x".repeat(50) }).text, `long=${"x".repeat(40)}…`);
});

Deno.test("a permalink whose filters hide its line says so, and links to the line among every line", async () => {
  const rt = await setUp();
  await using _ = rt.app;
  const context = await newContext(rt);
  const { first } = await sendLines(
    rt,
    context.id,
    Array.from({ length: 40 }, (_, i) => ({
      severity: i % 5 === 0 ? "error" : "info",
      message: `line ${i}`,
    })),
  );
  const target = first + 12;
  const hidden = await html(rt, `/contexts/${context.id}?line=${target}&min_severity=error`);
  assert.equal(hidden.status, 200);
  assertIncludes(hidden.text, `Line ${target} does not match these filters, so it is not shown.`);
  assertIncludes(
    hidden.text,
    `href="/contexts/${context.id}?line=${target}#L${target}"`,
  );
  // Without the filter it is there, highlighted, with lines on both sides, and no notice.
  const shown = await html(rt, `/contexts/${context.id}?line=${target}`);
  assertIncludes(shown.text, `<li id="L${target}" class="hl"><details open>`);
  assertIncludes(shown.text, `<li id="L${target - 1}">`);
  assertIncludes(shown.text, `<li id="L${target + 1}">`);
  assertExcludes(shown.text, "does not match these filters");
});

Deno.test("the histogram keeps its bars out of the tab order and out of assistive technology, and offers them as a table", async () => {
  const rt = await setUp();
  await using _ = rt.app;
  const context = await newContext(rt);
  for (let minute = 0; minute < 5; minute++) {
    await sendLines(rt, context.id, [{ severity: "warn", message: `m${minute}` }]);
    rt.app.clock.advance(60_000);
  }
  const page = await html(rt, `/contexts/${context.id}`);
  const figure = page.text.slice(page.text.indexOf("<figure"), page.text.indexOf("</figure>"));
  const svg = figure.slice(figure.indexOf("<svg"), figure.indexOf("</svg>"));
  // No role="img" with focusable content (axe: nested-interactive): the picture is hidden,
  // and each bar's link is for the mouse only.
  assertIncludes(svg, 'aria-hidden="true"');
  assertExcludes(svg, 'role="img"');
  const links = [...svg.matchAll(/<a [^>]*>/g)].map((m) => m[0]);
  assert.equal(links.length, 5);
  for (const link of links) assertIncludes(link, 'tabindex="-1"');
  // The same five bars, reachable by keyboard once the table is opened.
  const table = figure.slice(figure.indexOf("<details"), figure.indexOf("</table>"));
  assertIncludes(table, "<summary");
  assertIncludes(table, "The bars as a table");
  assert.equal([...table.matchAll(/<tr><td><a href="\?from=/g)].length, 5);
});

Deno.test("the viewer page for 100 typical log lines stays under 60 KB", async () => {
  const { app, bytes, html } = await typicalViewerPage();
  await using _ = app;
  assert.equal([...html.matchAll(/<li id="L\d+"/g)].length, 100);
  // Measured with bench/log_page_size.ts: 181,066 bytes before the compact rows.
  assert.ok(bytes < 60_000, `the page is ${bytes} bytes`);
});
