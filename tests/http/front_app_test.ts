import { assert } from "../helpers/assert.ts";
import { newContext, sendLines, setUp } from "../contexts/fixtures.ts";
import { SseReader } from "../logs/sse.ts";
import { startFront } from "./front_harness.ts";

Deno.test("the live log tail streams through the front long after the read deadlines", async () => {
  const rt = await setUp();
  await using _ = rt.app;
  await using server = startFront(rt.app.fetch);
  const context = await newContext(rt);
  const res = await fetch(
    `http://127.0.0.1:${server.port}/v1/contexts/${context.id}/logs/stream`,
    { headers: rt.auth },
  );
  assert.equal(res.status, 200);
  const events = new SseReader(res);
  try {
    // Past both the 300 ms head deadline and the 300 ms body deadline.
    await new Promise((r) => setTimeout(r, 700));
    await sendLines(rt, context.id, [{ severity: "info", message: "still here" }]);
    assert.equal(JSON.parse((await events.next()).data).message, "still here");
  } finally {
    await events.close();
  }
});

Deno.test("the app behind the front answers pages and downloads as before", async () => {
  const rt = await setUp();
  await using _ = rt.app;
  await using server = startFront(rt.app.fetch);
  const home = await fetch(`http://127.0.0.1:${server.port}/healthz`);
  assert.equal(home.status, 200);
  assert.equal((await home.json()).status, "ok");
  const gate = await fetch(`http://127.0.0.1:${server.port}/dashboard`, { redirect: "manual" });
  assert.equal(gate.status, 303);
  assert.equal(gate.headers.get("location"), "/login?next=%2Fdashboard");
  await gate.body?.cancel();
});
