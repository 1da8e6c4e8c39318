import { startServer } from "../tests/helpers/server.ts";
import { launchChromium } from "../tests/helpers/browser.ts";
import { createToken, createUser } from "../tests/helpers/accounts.ts";
import { typicalLines } from "../tests/logs/typical_lines.ts";
await using server = await startServer();
const { app, url } = server;
const user = await createUser(app);
const token = await createToken(app, user, ["contexts:read", "contexts:write"]);
const send = (m: string, p: string, b: unknown) => app.request(p, { method: m, headers: { authorization: `Bearer ${token}`, "content-type": "application/json" }, body: JSON.stringify(b) }).then((r) => r.json());
const { context } = await send("POST", "/v1/contexts", { status: "running", region: "eu-west" });
const lines = typicalLines();
lines[50] = { ...lines[50], message: "a very long message ".repeat(12), metadata_json: { nested: { a: [1, 2, 3] }, request_id: "req-9" } };
lines[51] = { ts: lines[51]!.ts, severity: "info", message: "no metadata here" };
await send("POST", `/v1/contexts/${context.id}/logs`, lines);
const browser = await launchChromium();
const [name, value] = user.cookie.split("=") as [string, string];
for (const [w, h] of [[1280, 800], [390, 844]]) {
  const ctx = await browser.newContext({ viewport: { width: w, height: h } });
  await ctx.addCookies([{ name, value, url }]);
  const page = await ctx.newPage();
  for (const [tag, q] of [["plain", ""], ["perma", `?line=${lines.length - 40}#L${lines.length - 40}`], ["hidden", `?line=3&min_severity=error`]]) {
    await page.goto(`${url}/contexts/${context.id}${q}`, { waitUntil: "networkidle" });
    await page.locator("html[data-hydrated=true]").waitFor();
    if (tag === "plain") {
      await page.locator("#log-lines > li").nth(60).locator("summary").click();
      await page.locator("#log-lines > li").nth(50).locator("summary").click();
    }
    await page.screenshot({ path: `/tmp/viewer/${tag}-${w}.png`, fullPage: true });
    const sw = await page.evaluate(() => document.documentElement.scrollWidth);
    console.log(tag, w, "scrollWidth", sw);
  }
  await ctx.close();
}
await browser.close();
