import { assert } from "../helpers/assert.ts";
import { browserTest } from "../helpers/browser.ts";

browserTest(
  "the landing page renders and its copy button hydrates and copies on click",
  async ({ server, page }) => {
    await page.context().grantPermissions(["clipboard-read", "clipboard-write"], {
      origin: server.url,
    });
    const scripts: string[] = [];
    page.on("request", (req) => {
      if (req.resourceType() === "script") scripts.push(new URL(req.url()).pathname);
    });
    const res = await page.goto(server.url);
    assert.equal(res?.status(), 200);
    assert.equal(
      await page.locator("h1").textContent(),
      "Publish signed WebAssembly skills. Watch them run.",
    );
    await page.waitForSelector("html[data-hydrated=true]");
    assert.ok(scripts.some((s) => s.startsWith("/_fresh/js/boot-")), `scripts: ${scripts}`);

    const button = page.getByRole("button", { name: "Copy to clipboard" });
    await button.click();
    await page.getByRole("button", { name: "Copied" }).waitFor();
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    assert.match(
      copied,
      /^curl -X POST http:\/\/127\.0\.0\.1:\d+\/v1\/packages\/echo\.minimal\/versions/,
    );
  },
);

browserTest("a page without islands loads no script at all", async ({ server, page }) => {
  const scripts: string[] = [];
  page.on("request", (req) => {
    if (req.resourceType() === "script") scripts.push(req.url());
  });
  const res = await page.goto(`${server.url}/no/such/page`);
  assert.equal(res?.status(), 404);
  await page.getByRole("heading", { name: "We could not find that page" }).waitFor();
  assert.deepEqual(scripts, []);
  assert.equal(await page.locator("script").count(), 0);
});
