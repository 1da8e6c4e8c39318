import { assert } from "../helpers/assert.ts";
import { browserTest } from "../helpers/browser.ts";
import { createToken, createUser } from "../helpers/accounts.ts";
import { publishTestVersion } from "../helpers/packages.ts";
import { makeReceipt } from "@/lib/receipts/make.ts";

// Set RUNS_SCREENSHOTS=/some/dir to keep pictures of the tab at 1280 and 390 px.
const SHOTS = Deno.env.get("RUNS_SCREENSHOTS");

browserTest(
  "a run that used a capability its version does not declare is flagged on the Runs tab, and one outside the policy once a policy is saved",
  async ({ server, page }) => {
    const { app, url } = server;
    const user = await createUser(app, { handle: "runa" });
    const published = await publishTestVersion(app, user, "echo.skill", "1.0.0");
    const token = await createToken(app, user, ["contexts:read", "contexts:write"]);
    const api = (method: string, path: string, body: unknown) =>
      app.request(path, {
        method,
        headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
        body: JSON.stringify(body),
      }).then((r) => r.json());
    const { context } = await api("POST", "/v1/contexts", {
      status: "running",
      region: "eu-west",
      package: "echo.skill",
      version: "1.0.0",
    });
    const run = (n: number, capsUsed: string[]) =>
      makeReceipt({
        artifact: published.artifact_digest,
        input: `in ${n}`,
        output: `out ${n}`,
        capsUsed,
        timestamp: 1_764_000_000 + n * 60,
      });
    const within = await run(1, ["fs.read:/data/a.txt"]);
    const beyond = await run(2, ["fs.read:/data/b.txt", "env:AWS_SECRET_ACCESS_KEY"]);
    const sent = await api("POST", `/v1/contexts/${context.id}/receipts`, [within, beyond]);
    assert.equal(sent.accepted, 2, JSON.stringify(sent));
    const [name, value] = user.cookie.split("=") as [string, string];
    await page.context().addCookies([{ name, value, url }]);

    await page.goto(`${url}/contexts/${context.id}`);
    await page.getByRole("navigation", { name: "Context" }).getByRole("link", { name: "Runs" })
      .click();
    await page.waitForURL(`${url}/contexts/${context.id}/runs`);
    const runs = page.getByRole("list", { name: "Runs" }).locator(":scope > li");
    assert.equal(await runs.count(), 2);
    // Newest first: the run that went beyond its manifest.
    const flagged = runs.nth(0);
    assert.equal(await flagged.getAttribute("data-run"), beyond.receipt_hash);
    const flag = flagged.locator("[data-flag=red]");
    assert.match(
      await flag.innerText(),
      /Undeclared: Used a capability its manifest does not declare: env:AWS_SECRET_ACCESS_KEY/,
    );
    assert.equal(
      await flagged.getByRole("link", { name: "echo.skill@1.0.0" }).getAttribute("href"),
      "/packages/echo.skill",
    );
    assert.equal(await runs.nth(1).locator("[data-flag]").count(), 0, "the other run is clean");

    // A policy that allows only /data: the secret's use is now outside it too.
    await page.getByLabel("Policy document").fill(
      "version: 1\ntrusted_signers: [test-signer]\ncapability_ceiling:\n  fs:\n    read: [/data]\n",
    );
    await page.getByRole("button", { name: "Save policy" }).click();
    await page.waitForURL(/notice=saved/);
    assert.match(
      await runs.nth(0).locator("[data-flag=amber]").innerText(),
      /Outside policy: .*env:AWS_SECRET_ACCESS_KEY/,
    );
    assert.equal(await runs.nth(1).locator("[data-flag]").count(), 0);

    // A policy that is not one: the form again, with the reason and the text as typed.
    await page.getByLabel("Policy document").fill("version: 2\n");
    await page.getByRole("button", { name: "Save policy" }).click();
    await page.getByRole("alert").filter({ hasText: "capability_policy: invalid policy" })
      .waitFor();
    assert.equal(await page.getByLabel("Policy document").inputValue(), "version: 2\n");

    if (SHOTS) {
      await page.goto(`${url}/contexts/${context.id}/runs`);
      await page.screenshot({ path: `${SHOTS}/runs-1280.png`, fullPage: true });
      await page.setViewportSize({ width: 390, height: 844 });
      await page.screenshot({ path: `${SHOTS}/runs-390.png`, fullPage: true });
    }
  },
);
