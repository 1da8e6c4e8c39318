import { assert, assertIncludes } from "../helpers/assert.ts";
import { getJson, newContext, sendLines, setUp } from "../contexts/fixtures.ts";
import { csvCell } from "@/lib/logs/export.ts";
import { LIKE_SCAN_ROWS } from "@/lib/logs/read.ts";

/** The body, or a failure (rather than a suite that never ends) when the stream stalls. */
async function textOrStall(res: Response): Promise<string> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const stall = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error("the export stalled and never ended")), 60_000);
  });
  try {
    return await Promise.race([res.text(), stall]);
  } finally {
    clearTimeout(timer);
  }
}

Deno.test("the NDJSON export streams the filtered lines, newest first, as the list API shows them", async () => {
  const rt = await setUp();
  await using _ = rt.app;
  const context = await newContext(rt);
  const lines = Array.from({ length: 2500 }, (_, i) => ({
    severity: i % 10 === 0 ? "error" : "info",
    message: `request ${i}${i % 10 === 0 ? " failed" : ""}`,
  }));
  for (let i = 0; i < lines.length; i += 1000) {
    await sendLines(rt, context.id, lines.slice(i, i + 1000));
  }
  const res = await rt.app.request(
    `/v1/contexts/${context.id}/logs/export?format=ndjson&severity=error&q=failed`,
    { headers: rt.auth },
  );
  assert.equal(res.status, 200);
  assert.equal(res.headers.get("content-type"), "application/x-ndjson; charset=utf-8");
  assert.equal(
    res.headers.get("content-disposition"),
    `attachment; filename="context-${context.id.slice(0, 8)}-logs.ndjson"`,
  );
  const exported = (await res.text()).trimEnd().split("\n").map((l) => JSON.parse(l));
  assert.equal(exported.length, 250);
  const listed = await getJson(
    rt,
    `/v1/contexts/${context.id}/logs?severity=error&q=failed&limit=1000`,
  );
  assert.deepEqual(exported, listed.body.logs);

  const capped = await rt.app.request(`/v1/contexts/${context.id}/logs/export?limit=1200`, {
    headers: rt.auth,
  });
  assert.equal((await capped.text()).trimEnd().split("\n").length, 1200);
  for (
    const [query, error] of [
      ["format=xml", "query parameter format: must be ndjson or csv"],
      ["limit=100001", "query parameter limit: must be a whole number from 1 to 100000"],
      ["limit=-1", "query parameter limit: must be a whole number from 1 to 100000"],
    ]
  ) {
    const bad = await getJson(rt, `/v1/contexts/${context.id}/logs/export?${query}`);
    assert.equal(bad.status, 400);
    assert.deepEqual(bad.body, { error });
  }
});

Deno.test("the CSV export quotes every text cell and defuses spreadsheet formulas", async () => {
  const rt = await setUp();
  await using _ = rt.app;
  const context = await newContext(rt);
  await sendLines(rt, context.id, [
    { severity: "info", message: '=HYPERLINK("http://evil.example","click")' },
    { severity: "info", message: "+1+1" },
    { severity: "info", message: "-2+3" },
    { severity: "info", message: "@SUM(A1:A2)" },
    {
      severity: "warn",
      message: 'plain, with "quotes"\nand a second line',
      metadata_json: { a: "=1" },
    },
  ]);
  const res = await rt.app.request(`/v1/contexts/${context.id}/logs/export?format=csv`, {
    headers: rt.auth,
  });
  assert.equal(res.headers.get("content-type"), "text/csv; charset=utf-8");
  const text = await res.text();
  const rows = text.split("\r\n");
  assert.equal(rows[0], "id,ts,severity,message,metadata_json");
  assertIncludes(rows[1]!, `,warn,"plain, with ""quotes""\nand a second line","{""a"":""=1""}"`);
  assertIncludes(rows[2]!, `,info,"'@SUM(A1:A2)",`);
  assertIncludes(rows[3]!, `,info,"'-2+3",`);
  assertIncludes(rows[4]!, `,info,"'+1+1",`);
  assertIncludes(rows[5]!, `,info,"'=HYPERLINK(""http://evil.example"",""click"")",`);
  assert.match(rows[5]!, /^\d+,2026-11-25T12:00:00\.000Z,info,/);
});

Deno.test("a CSV cell is quoted, and starts with an apostrophe when it could be a formula", () => {
  assert.equal(csvCell("ok"), '"ok"');
  assert.equal(csvCell('say "hi"'), '"say ""hi"""');
  for (const start of ["=", "+", "-", "@", "\t", "\r", "|", "%"]) {
    assert.equal(csvCell(`${start}x`), `"'${start}x"`);
  }
  assert.equal(csvCell("a=b"), '"a=b"');
});

Deno.test("an export for a 1- or 2-character query that no recent line matches ends, with the older matches", async () => {
  const rt = await setUp();
  await using _ = rt.app;
  const context = await newContext(rt);
  await sendLines(rt, context.id, [
    { severity: "info", message: "zq one" },
    { severity: "info", message: "zq two" },
  ]);
  // More lines than three bounded text scans read, none of them matching: a read that finds
  // nothing must not leave the download waiting for a read that never comes.
  await rt.app.services.database.client.execute({
    sql: `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?)
      INSERT INTO context_logs (context_id, ts, level, message)
      SELECT ?, ?, 1, 'tick ' || i FROM n`,
    args: [3 * LIKE_SCAN_ROWS + 10_000, context.id, rt.app.clock.now().getTime()],
  });
  for (
    const query of [
      "q=zq&format=csv",
      "q=zq",
      "q=z&format=csv",
      "q=nowhere&format=csv",
      "q=z&order=asc",
      "q=zq&order=asc&format=csv",
    ]
  ) {
    const res = await rt.app.request(`/v1/contexts/${context.id}/logs/export?${query}`, {
      headers: rt.auth,
    });
    assert.equal(res.status, 200);
    const rows = (await textOrStall(res)).trimEnd().split(/\r?\n/);
    const csv = query.endsWith("csv");
    if (csv) assert.equal(rows.shift(), "id,ts,severity,message,metadata_json");
    const expected = query.includes("nowhere")
      ? []
      : query.includes("asc")
      ? ["zq one", "zq two"]
      : ["zq two", "zq one"];
    assert.deepEqual(
      rows.filter((r) => r).map((r) => csv ? r.split(",")[3] : JSON.parse(r).message),
      csv ? expected.map((m) => `"${m}"`) : expected,
    );
  }
});

Deno.test("the viewer's downloads list the lines oldest first, in the viewer's order", async () => {
  const rt = await setUp();
  await using _ = rt.app;
  const context = await newContext(rt);
  const lines = Array.from({ length: 2300 }, (_, i) => ({
    severity: i % 3 === 0 ? "warn" : "info",
    message: `request ${i}`,
  }));
  for (let i = 0; i < lines.length; i += 1000) {
    await sendLines(rt, context.id, lines.slice(i, i + 1000));
  }
  const page = await (await rt.app.request(`/contexts/${context.id}?min_severity=warn`, {
    headers: { cookie: rt.user.cookie },
  })).text();
  const link = /href="(\/v1\/contexts\/[^"]+\/logs\/export\?[^"]*format=ndjson[^"]*)"/.exec(page);
  assert.ok(link, "the page links to the NDJSON download");
  assertIncludes(link[1]!, "order=asc");
  const get = async (path: string) =>
    (await textOrStall(await rt.app.request(path, { headers: rt.auth }))).trimEnd().split("\n")
      .map((l) => JSON.parse(l).message as string);
  const viewerOrder = await get(link[1]!.replaceAll("&amp;", "&"));
  const warned = lines.filter((l) => l.severity === "warn").map((l) => l.message);
  assert.deepEqual(viewerOrder, warned);
  // The API's own order stays newest first; a capped ascending export has the oldest lines.
  assert.deepEqual(
    await get(`/v1/contexts/${context.id}/logs/export?min_severity=warn`),
    [...warned].reverse(),
  );
  assert.deepEqual(
    await get(`/v1/contexts/${context.id}/logs/export?order=asc&limit=1500`),
    lines.slice(0, 1500).map((l) => l.message),
  );
  const bad = await getJson(rt, `/v1/contexts/${context.id}/logs/export?order=up`);
  assert.equal(bad.status, 400);
  assertIncludes(JSON.stringify(bad.body), "query parameter order: must be desc or asc");
});
