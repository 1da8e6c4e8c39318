import { assert } from "../helpers/assert.ts";
import { parseRfc3339, parseUtcDateTime } from "@/lib/logs/time.ts";
import { ftsPhrase } from "@/lib/logs/read.ts";
import { likeContains } from "@/lib/db/like.ts";
import { bucketWidth, logHistogram } from "@/lib/logs/histogram.ts";
import { checkLine } from "@/lib/logs/lines.ts";
import { highlightParts } from "@/components/contexts/highlight.ts";
import { makeLine } from "@/scripts/simulate.ts";
import { newContext, sendLines, setUp } from "../contexts/fixtures.ts";

Deno.test("RFC 3339 times are read with their offset; impossible dates and zone-less times are not", () => {
  const iso = (s: string) => parseRfc3339(s)?.toISOString() ?? null;
  assert.equal(iso("2026-02-06T12:30:00Z"), "2026-02-06T12:30:00.000Z");
  assert.equal(iso("2026-02-06t12:30:00.123456z"), "2026-02-06T12:30:00.123Z");
  assert.equal(iso("2026-02-06 12:30:00+02:00"), "2026-02-06T10:30:00.000Z");
  assert.equal(iso("2026-02-06T12:30:00-05:30"), "2026-02-06T18:00:00.000Z");
  for (
    const bad of [
      "2026-02-30T00:00:00Z",
      "2026-13-01T00:00:00Z",
      "2026-02-06T24:00:00Z",
      "2026-02-06T12:30:00",
      "2026-02-06",
      "1e9",
      "",
    ]
  ) {
    assert.equal(iso(bad), null, bad);
  }
  assert.equal(parseUtcDateTime("2026-02-06T12:30")?.toISOString(), "2026-02-06T12:30:00.000Z");
  assert.equal(parseUtcDateTime("2026-02-06T12:30:05")?.toISOString(), "2026-02-06T12:30:05.000Z");
});

Deno.test("text filters become one literal FTS phrase and an escaped LIKE pattern", () => {
  assert.equal(ftsPhrase('say "hi" NEAR(x) OR *'), '"say ""hi"" NEAR(x) OR *"');
  assert.equal(likeContains("100%_\\"), "%100\\%\\_\\\\%");
});

Deno.test("matches are highlighted case-insensitively, and regex characters are plain text", () => {
  assert.deepEqual(highlightParts("Timeout, TIMEOUT.", "timeout"), [
    { text: "Timeout", match: true },
    { text: ", ", match: false },
    { text: "TIMEOUT", match: true },
    { text: ".", match: false },
  ]);
  assert.deepEqual(highlightParts("a.b+c", ".b+"), [
    { text: "a", match: false },
    { text: ".b+", match: true },
    { text: "c", match: false },
  ]);
  assert.deepEqual(highlightParts("Straße", "STRASSE"), [{ text: "Straße", match: false }]);
  assert.deepEqual(highlightParts("no query", null), [{ text: "no query", match: false }]);
});

Deno.test("histogram bars are whole minutes, at most 60 of them", () => {
  const at = (m: number) => new Date(Date.UTC(2026, 0, 1) + m * 60_000);
  assert.equal(bucketWidth(at(0), at(15)), 60_000);
  assert.equal(bucketWidth(at(0), at(60)), 60_000);
  assert.equal(bucketWidth(at(0), at(61)), 2 * 60_000);
  assert.equal(bucketWidth(at(0), at(24 * 60)), 30 * 60_000);
  assert.equal(bucketWidth(at(0), at(7 * 24 * 60)), 180 * 60_000);
  assert.equal(bucketWidth(at(0), at(31 * 24 * 60)), 1440 * 60_000);
});

Deno.test("the histogram counts lines per bucket and severity, honouring the severity and text filters", async () => {
  const rt = await setUp();
  await using _ = rt.app;
  const context = await newContext(rt);
  const t0 = rt.app.clock.now().getTime();
  await sendLines(rt, context.id, [
    { severity: "info", message: "ok" },
    { severity: "error", message: "disk failed" },
    { severity: "warn", message: "disk slow", ts: new Date(t0 - 10 * 60_000).toISOString() },
  ]);
  const range = { from: new Date(t0 - 15 * 60_000), to: new Date(t0 + 60_000) };
  const none = { level: null, minLevel: null, q: null };
  const all = await logHistogram(rt.app.services.db, context.id, range, none);
  assert.equal(all.bucketMs, 60_000);
  assert.equal(all.total, 3);
  const last = all.buckets.find((b) => b.start.getTime() === t0)!;
  assert.deepEqual(last.counts, [0, 1, 0, 1]);
  assert.deepEqual(all.buckets.find((b) => b.start.getTime() === t0 - 10 * 60_000)!.counts, [
    0,
    0,
    1,
    0,
  ]);
  const warnUp = await logHistogram(rt.app.services.db, context.id, range, {
    ...none,
    minLevel: 2,
  });
  assert.equal(warnUp.total, 2);
  const disk = await logHistogram(rt.app.services.db, context.id, range, { ...none, q: "DISK" });
  assert.equal(disk.total, 2);
  assert.ok(disk.textApplied);
});

Deno.test("every line the example client makes is a valid line", () => {
  let seed = 1;
  const random = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
  for (let i = 0; i < 2000; i++) {
    const line = checkLine(makeLine("echo.minimal", i, random), Date.now());
    assert.notEqual(typeof line, "string", JSON.stringify(line));
  }
});
