import { assert, assertExcludes, assertIncludes } from "../helpers/assert.ts";
import { createUser } from "../helpers/accounts.ts";
import { publishTestVersion } from "../helpers/packages.ts";
import { newContext, type Runtime, sendJson, sendLines, setUp } from "./fixtures.ts";

async function html(rt: Runtime, path: string, cookie = rt.user.cookie) {
  const res = await rt.app.request(path, { headers: { cookie } });
  return { status: res.status, text: await res.text(), headers: res.headers };
}

/** The ids of the log lines a viewer page shows, in page order. */
function lineIds(text: string): number[] {
  return [...text.matchAll(/<li id="L(\d+)"/g)].map((m) => Number(m[1]));
}

Deno.test("with no contexts, the contexts page explains how a runtime reports in, with a copyable example", async () => {
  const rt = await setUp();
  await using _ = rt.app;
  const page = await html(rt, "/contexts");
  assert.equal(page.status, 200);
  assertIncludes(page.text, "No contexts yet");
  assertIncludes(page.text, `curl -s ${rt.app.config.publicOrigin}/v1/contexts \\`);
  assertIncludes(page.text, "Authorization: Bearer $INACTU_TOKEN");
  assertIncludes(page.text, "deno task simulate --url");
  assertIncludes(page.text, 'href="/settings/tokens"');
  assertIncludes(page.text, "Copy to clipboard");
});

Deno.test("the contexts page lists status, region, package@version, times; filters and sort are links in the URL", async () => {
  const rt = await setUp();
  await using _ = rt.app;
  await publishTestVersion(rt.app, rt.user, "echo.minimal", "0.1.0");
  const linked = await newContext(rt, {
    status: "running",
    region: "eu-west",
    package: "echo.minimal",
    version: "0.1.0",
  });
  rt.app.clock.advance(60_000);
  const failed = await newContext(rt, { status: "starting", region: "us-east" });
  await sendJson(rt.app, "PATCH", `/v1/contexts/${failed.id}`, { status: "failed" }, rt.auth);
  rt.app.clock.advance(5 * 60_000);

  const all = await html(rt, "/contexts");
  assert.equal(all.status, 200);
  assertIncludes(all.text, "1 running · 1 failed");
  assertIncludes(all.text, `href="/contexts/${linked.id}"`);
  assertIncludes(all.text, `href="/contexts/${failed.id}"`);
  assertIncludes(all.text, 'href="/packages/echo.minimal"');
  assertIncludes(all.text, "echo.minimal<span");
  assertIncludes(all.text, ">@0.1.0</span>");
  assertIncludes(all.text, "eu-west");
  assertIncludes(all.text, ">failed</span>");
  assertIncludes(all.text, ">running</span>");
  assertIncludes(all.text, 'title="2026-11-25 12:01:00 UTC">5 minutes ago</time>');
  // Newest first; the started header flips the order by link.
  assert.ok(all.text.indexOf(failed.id) < all.text.indexOf(linked.id));
  assertIncludes(all.text, 'href="/contexts?sort=started"');

  const filtered = await html(rt, "/contexts?status=failed&region=us-east");
  assertIncludes(filtered.text, failed.id);
  assertExcludes(filtered.text, linked.id);
  assertIncludes(filtered.text, '<option value="failed" selected>');
  const byPackage = await html(rt, "/contexts?package=echo.minimal&sort=started");
  assertIncludes(byPackage.text, linked.id);
  assertExcludes(byPackage.text, failed.id);
  const none = await html(rt, "/contexts?status=stopped");
  assertIncludes(none.text, "No contexts match these filters.");
  const stale = await html(rt, "/contexts?cursor=bogus");
  assert.equal(stale.status, 400);
  assertIncludes(stale.text, "This page link is out of date");
});

Deno.test("the viewer shows the summary and the lines, escaped, with matches highlighted, a histogram that zooms, and downloads", async () => {
  const rt = await setUp();
  await using _ = rt.app;
  const context = await newContext(rt);
  await sendLines(rt, context.id, [
    { severity: "info", message: "boot ok", metadata_json: { pid: 7, note: "<b>bold</b>" } },
    { severity: "warn", message: "user said <script>alert('pwned')</script> & left" },
    { severity: "error", message: "Alert: ALERT raised twice" },
  ]);
  rt.app.clock.advance(90_000);
  const page = await html(rt, `/contexts/${context.id}`);
  assert.equal(page.status, 200);
  assertIncludes(page.text, "eu-west");
  assertIncludes(page.text, "Kept for 30 days: lines from before 2026-10-26 12:01 UTC");
  assertIncludes(page.text, "since 2026-11-25 12:00 UTC");
  assertIncludes(page.text, "&lt;script>alert('pwned')&lt;/script> &amp; left");
  assertExcludes(page.text, "<script>alert(");
  assertExcludes(page.text, "<b>bold</b>");
  assertIncludes(page.text, "&lt;b>bold&lt;/b>");
  assertIncludes(page.text, "<summary");
  assert.equal(lineIds(page.text).length, 3);

  const search = await html(rt, `/contexts/${context.id}?q=alert`);
  assertIncludes(
    search.text,
    "<mark>Alert</mark>: ",
  );
  assertIncludes(search.text, ">ALERT</mark> raised");
  assertIncludes(search.text, "&lt;script><mark");
  assert.equal(lineIds(search.text).length, 2);
  assertIncludes(
    search.text,
    `/v1/contexts/${context.id}/logs/export?q=alert&amp;format=csv&amp;order=asc`,
  );

  // The histogram: one bar per minute here, each a link to its own range.
  assertIncludes(page.text, "<svg");
  assertIncludes(page.text, "Lines per minute");
  const bar =
    /<tr><td><a href="(\?from=2026-11-25T12:00:00Z&amp;to=2026-11-25T12:00:59.999Z)">12:00<\/a><\/td><td>3<\/td><td>1<\/td><td>1<\/td><\/tr>/
      .exec(page.text);
  assert.ok(bar, "a bar links to its minute");
  const zoomed = await html(rt, `/contexts/${context.id}${bar[1]!.replaceAll("&amp;", "&")}`);
  assert.equal(zoomed.status, 200);
  assert.equal(lineIds(zoomed.text).length, 3);
  assertIncludes(zoomed.text, "custom range");
});

Deno.test("severity, text and time presets narrow the viewer; older and newer pages follow cursors", async () => {
  const rt = await setUp();
  await using _ = rt.app;
  const context = await newContext(rt);
  const severities = ["debug", "info", "warn", "error"];
  const lines = Array.from({ length: 240 }, (_, i) => ({
    severity: severities[i % 4]!,
    message: `event ${i}${i % 10 === 0 ? " checkout failed" : ""}`,
  }));
  const { first } = await sendLines(rt, context.id, lines);
  rt.app.clock.advance(30 * 60_000);
  const late = await sendLines(rt, context.id, [{ severity: "info", message: "a late line" }]);

  const newest = await html(rt, `/contexts/${context.id}`);
  const shown = lineIds(newest.text);
  assert.equal(shown.length, 100);
  assert.equal(shown[shown.length - 1], late.first, "the newest line is at the bottom");
  assertIncludes(newest.text, "Live tail");
  const older = /href="(\/contexts\/[^"]+before_id=(\d+))"/.exec(newest.text);
  assert.ok(older);
  assert.equal(Number(older[2]), shown[0]);
  const page2 = await html(rt, older[1]!.replaceAll("&amp;", "&"));
  const shown2 = lineIds(page2.text);
  assert.equal(shown2.length, 100);
  assert.equal(shown2[shown2.length - 1], shown[0]! - 1);
  assertExcludes(page2.text, "Live tail");
  const newer = /href="(\/contexts\/[^"]+after_id=(\d+))"/.exec(page2.text);
  assert.ok(newer);
  const back = await html(rt, newer[1]!.replaceAll("&amp;", "&"));
  assert.deepEqual(lineIds(back.text), shown);

  const errors = await html(rt, `/contexts/${context.id}?min_severity=error&q=checkout`);
  assert.deepEqual(
    lineIds(errors.text),
    lines.map((l, i) => ({ ...l, id: first + i }))
      .filter((l) => l.severity === "error" && l.message.includes("checkout")).map((l) => l.id),
  );
  assertIncludes(errors.text, '<option value="error" selected>');
  assertIncludes(errors.text, 'value="checkout"');

  const recent = await html(rt, `/contexts/${context.id}?range=15m`);
  assert.deepEqual(lineIds(recent.text), [late.first]);
  assertIncludes(recent.text, 'aria-current="true"');
  const custom = await html(
    rt,
    `/contexts/${context.id}?from=2026-11-25T11:00&to=2026-11-25T12:10:00`,
  );
  assert.equal(lineIds(custom.text).length, 100);
  assertIncludes(custom.text, 'value="2026-11-25T11:00:00"');
  // A closed range is not tailed.
  assertExcludes(custom.text, "Live tail");
});

Deno.test("a permalink opens the viewer around its line, highlighted, whatever filters were set", async () => {
  const rt = await setUp();
  await using _ = rt.app;
  const context = await newContext(rt);
  const { first } = await sendLines(
    rt,
    context.id,
    Array.from({ length: 300 }, (_, i) => ({ severity: "info", message: `line ${i}` })),
  );
  const target = first + 150;
  const filtered = await html(rt, `/contexts/${context.id}?q=line%2015`);
  assertIncludes(filtered.text, `href="?line=${target}#L${target}"`);
  const page = await html(rt, `/contexts/${context.id}?line=${target}`);
  assert.equal(page.status, 200);
  const shown = lineIds(page.text);
  assert.equal(shown.length, 100);
  assert.ok(shown.includes(target - 40) && shown.includes(target + 40), "lines on both sides");
  assertIncludes(page.text, `<li id="L${target}" class="hl"><details open>`);
  assertIncludes(page.text, ">Newest</a>");
});

Deno.test("nonsense filters and cursors on the viewer answer 400 and say why", async () => {
  const rt = await setUp();
  await using _ = rt.app;
  const context = await newContext(rt);
  const other = await newContext(rt);
  const { first } = await sendLines(rt, other.id, [{ severity: "info", message: "theirs" }]);
  await sendLines(rt, context.id, [{ severity: "info", message: "mine" }]);
  for (
    const [query, message] of <[string, string][]> [
      ["limit=-1", "query parameter limit: must be a whole number from 1 to 1000"],
      ["limit=abc", "query parameter limit: must be a whole number from 1 to 1000"],
      ["range=1y", "query parameter range: must be one of: 15m, 1h, 24h, 7d"],
      ["before_id=abc", "query parameter before_id: must be a whole number from 1 to 9999999999"],
      [`line=${first}`, `line ${first} is not a log line of this context`],
      [`before_id=${first}`, `before_id ${first} is not a log line of this context`],
      ["from=2026-11-25T13:00&to=2026-11-25T12:00", "from must not be after to"],
    ]
  ) {
    const page = await html(rt, `/contexts/${context.id}?${query}`);
    assert.equal(page.status, 400, query);
    assertIncludes(page.text, `These filters do not work: ${message}`);
    assertExcludes(page.text, "theirs");
  }
  // The form keeps what was typed, so it can be corrected.
  const kept = await html(rt, `/contexts/${context.id}?q=mine&from=yesterday`);
  assert.equal(kept.status, 400);
  assertIncludes(kept.text, 'value="mine"');
  assertIncludes(kept.text, 'value="yesterday"');
  assertIncludes(kept.text, "Correct the filters above");
  // A refused range is not carried into the form, even one named like an object property.
  for (const range of ["1y", "constructor", "toString"]) {
    const refused = await html(rt, `/contexts/${context.id}?range=${range}`);
    assert.equal(refused.status, 400, range);
    assertExcludes(refused.text, `name="range" value="${range}"`);
  }
  // Query text is escaped everywhere it is shown, the island's props included.
  const hostile = await html(
    rt,
    `/contexts/${context.id}?q=${encodeURIComponent("</script><script>alert(1)</script>")}`,
  );
  assert.equal(hostile.status, 200);
  assertExcludes(hostile.text, "<script>alert(1)");
  assertExcludes(hostile.text, "</script><script>");
});

Deno.test("another owner's context page looks exactly like a missing one", async () => {
  const rt = await setUp();
  await using _ = rt.app;
  const context = await newContext(rt);
  await sendLines(rt, context.id, [{ severity: "info", message: "private matter" }]);
  const other = await createUser(rt.app);
  const theirs = await html(rt, `/contexts/${context.id}`, other.cookie);
  const missing = await html(rt, "/contexts/00000000-0000-4000-8000-000000000000", other.cookie);
  assert.equal(theirs.status, 404);
  assert.equal(missing.status, 404);
  // The same page, apart from the path it names.
  assert.equal(
    theirs.text.replaceAll(context.id, "ID"),
    missing.text.replaceAll("00000000-0000-4000-8000-000000000000", "ID"),
  );
  assertExcludes(theirs.text, "private matter");
  const anonymous = await rt.app.request(`/contexts/${context.id}`);
  assert.equal(anonymous.status, 303);
  assert.equal(
    anonymous.headers.get("location"),
    `/login?next=${encodeURIComponent(`/contexts/${context.id}`)}`,
  );
});
