import { assert } from "../helpers/assert.ts";
import { browserTest } from "../helpers/browser.ts";
import { createToken, createUser } from "../helpers/accounts.ts";
import { runAlerts } from "@/lib/alerts/schedule.ts";
import { startReceiver } from "../alerts/receiver.ts";

browserTest(
  "a person searches logs across contexts, creates an alert on its form, sees it listed, and sees its notifications after it fires",
  async ({ server, page }) => {
    const { app, url } = server;
    await using hook = startReceiver();
    const user = await createUser(app, { handle: "ada" });
    const token = await createToken(app, user, ["contexts:read", "contexts:write"]);
    const api = (method: string, path: string, body: unknown) =>
      app.request(path, {
        method,
        headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
        body: JSON.stringify(body),
      }).then((r) => r.json());
    const contexts = [];
    for (const region of ["eu-west", "us-east"]) {
      contexts.push((await api("POST", "/v1/contexts", { status: "running", region })).context);
    }
    for (const [i, context] of contexts.entries()) {
      await api(
        "POST",
        `/v1/contexts/${context.id}/logs`,
        Array.from({ length: 30 }, (_, j) => ({
          severity: j % 10 === 3 ? "error" : "info",
          message: j % 10 === 3
            ? `payment upstream timeout (${i}.${j})`
            : `GET /v1/items/${j} 200 in ${10 + j} ms`,
          metadata_json: { path: `/v1/items/${j}`, status: 200 },
        })),
      );
    }
    const [name, value] = user.cookie.split("=") as [string, string];
    await page.context().addCookies([{ name, value, url }]);

    // The search, from the main navigation: lines of both contexts, newest first.
    await page.goto(`${url}/dashboard`);
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Logs" })
      .click();
    await page.waitForURL(`${url}/logs`);
    const lines = page.locator("#log-lines > li");
    assert.equal(await lines.count(), 60);
    const linked = new Set(
      await page.locator("#log-lines details > a").evaluateAll((as) =>
        as.map((a) => new URL((a as HTMLAnchorElement).href).pathname)
      ),
    );
    assert.deepEqual([...linked].sort(), contexts.map((c) => `/contexts/${c.id}`).sort());
    await page.screenshot({ path: "/tmp/alerts-logs-1280.png", fullPage: true });
    await page.goto(`${url}/logs?min_severity=error&q=timeout`);
    assert.equal(await lines.count(), 6);
    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: "/tmp/alerts-logs-390.png", fullPage: true });
    await page.setViewportSize({ width: 1280, height: 900 });

    // "Alert me on these lines" carries the search into the new alert's form.
    await page.getByRole("link", { name: "Alert me on these lines" }).click();
    await page.waitForURL(/\/logs\/alerts\/new/);
    assert.equal(await page.getByLabel("Text (optional)", { exact: true }).inputValue(), "timeout");
    await page.getByLabel("Name", { exact: true }).fill("Payment timeouts");
    await page.getByLabel("More than (lines)", { exact: true }).fill("2");
    await page.getByLabel("Within (minutes)", { exact: true }).fill("5");
    await page.getByLabel("Webhook URL (optional)", { exact: true }).fill(hook.url);
    await page.screenshot({ path: "/tmp/alerts-new-1280.png", fullPage: true });
    await page.getByRole("button", { name: "Create alert" }).click();
    const secret = await page.locator("#webhook-secret").innerText();
    assert.match(secret, /^whsec_[0-9a-f]{64}$/);
    hook.secret = secret;

    // Listed.
    await page.getByRole("link", { name: "All alerts" }).click();
    await page.waitForURL(`${url}/logs/alerts`);
    const row = page.getByRole("row", { name: /Payment timeouts/ });
    assert.match(
      await row.innerText(),
      /More than 2 error lines containing "timeout" within 5 min/,
    );
    assert.match(await row.innerText(), /OK/);

    // Three more timeouts; the evaluator runs (driven here rather than waiting a minute).
    await api(
      "POST",
      `/v1/contexts/${contexts[0].id}/logs`,
      Array.from({ length: 3 }, () => ({ severity: "error", message: "payment timeout" })),
    );
    assert.ok(await runAlerts(app.services, "browser-test"));
    assert.equal(hook.received.length, 1);
    assert.ok(hook.received[0]!.verified);

    await page.reload();
    assert.match(await row.innerText(), /Firing/);
    await row.getByRole("link", { name: "Payment timeouts" }).click();
    const log = page.locator("tr[data-delivery]");
    await log.first().waitFor();
    const entries = await log.allInnerTexts();
    assert.equal(entries.length, 2);
    assert.ok(entries.some((e) => /firing\s+webhook[\s\S]*delivered \(204\)/.test(e)));
    assert.ok(entries.some((e) => /firing\s+email\s+ada@example.com[\s\S]*delivered/.test(e)));
    assert.equal(await page.locator("#webhook-secret").count(), 0, "the secret is not shown again");
    await page.screenshot({ path: "/tmp/alerts-detail-1280.png", fullPage: true });
    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: "/tmp/alerts-detail-390.png", fullPage: true });
    await page.goto(`${url}/logs/alerts`);
    await page.screenshot({ path: "/tmp/alerts-list-390.png", fullPage: true });
  },
);
