import { assert, assertExcludes, assertIncludes } from "../helpers/assert.ts";
import { makeReceipt } from "@/lib/receipts/make.ts";
import { newContext, sendJson, setUp } from "./fixtures.ts";

Deno.test("the Runs tab pages 25 runs at a time, newest first, and refuses a cursor from another context", async () => {
  const rt = await setUp();
  await using _ = rt.app;
  const context = await newContext(rt);
  const other = await newContext(rt);
  const receipts = await Promise.all(Array.from({ length: 30 }, (_, n) =>
    makeReceipt({
      artifact: `sha256:${"5".repeat(64)}`,
      input: `${n}`,
      output: `${n}`,
      capsUsed: n === 29 ? ["env:<script>alert(1)</script>"] : [],
      timestamp: 1_764_000_000 + n,
    })));
  const sent = await sendJson(
    rt.app,
    "POST",
    `/v1/contexts/${context.id}/receipts`,
    receipts,
    rt.auth,
  );
  assert.equal(sent.status, 200);
  await sendJson(rt.app, "POST", `/v1/contexts/${other.id}/receipts`, receipts[0], rt.auth);
  const browse = (path: string) => rt.app.request(path, { headers: { cookie: rt.user.cookie } });

  const first = await browse(`/contexts/${context.id}/runs`);
  assert.equal(first.status, 200);
  const html = await first.text();
  assert.equal(html.match(/data-run="/g)?.length, 25);
  assert.ok(html.indexOf(receipts[29]!.receipt_hash) < html.indexOf(receipts[28]!.receipt_hash));
  assertIncludes(html, "env:&lt;script>alert(1)&lt;/script>");
  assertExcludes(html, "<script>alert(1)</script>");
  const older = html.match(/href="([^"]*before_id=\d+)"/)?.[1]?.replaceAll("&amp;", "&");
  assert.ok(older, "an Older runs link");
  const second = await (await browse(older)).text();
  assert.equal(second.match(/data-run="/g)?.length, 5);
  assertIncludes(second, "Newest runs");

  const foreign = await (await rt.app.request(`/v1/contexts/${other.id}/receipts`, {
    headers: rt.auth,
  })).json();
  const tampered = await browse(`/contexts/${context.id}/runs?before_id=${foreign.receipts[0].id}`);
  assert.equal(tampered.status, 400);
  assertIncludes(await tampered.text(), "is not a receipt of this context");
});
