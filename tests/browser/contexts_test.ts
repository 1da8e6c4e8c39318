import { assert } from "../helpers/assert.ts";
import { browserTest } from "../helpers/browser.ts";
import { createToken, createUser } from "../helpers/accounts.ts";
import type { TestApp } from "../helpers/app.ts";
import type { Page } from "playwright-core";
import { typicalLines } from "../logs/typical_lines.ts";

browserTest(
  "a person opens a context, filters its logs by severity and text, follows a permalink, and watches the live tail",
  async ({ server, page }) => {
    const { app, url } = server;
    const user = await createUser(app, { handle: "lin" });
    const token = await createToken(app, user, ["contexts:read", "contexts:write"]);
    const api = (method: string, path: string, body: unknown) =>
      app.request(path, {
        method,
        headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
        body: JSON.stringify(body),
      }).then((r) => r.json());
    const { context } = await api("POST", "/v1/contexts", { status: "running", region: "eu-west" });
    const severities = ["debug", "info", "info", "warn"];
    await api(
      "POST",
      `/v1/contexts/${context.id}/logs`,
      Array.from({ length: 150 }, (_, i) => ({
        severity: i % 25 === 7 ? "error" : severities[i % 4],
        message: i % 25 === 7 ? `upstream timeout on request ${i}` : `GET /v1/items/${i} 200`,
      })),
    );
    const [name, value] = user.cookie.split("=") as [string, string];
    await page.context().addCookies([{ name, value, url }]);

    // From the list to the context.
    await page.goto(`${url}/contexts`);
    await page.getByRole("link", { name: context.id.slice(0, 8) }).click();
    await page.waitForURL(`${url}/contexts/${context.id}`);
    await page.getByRole("heading", { name: `Context ${context.id.slice(0, 8)}` }).waitFor();
    assert.equal(await page.locator("#log-lines > li").count(), 100);

    // Errors with "timeout" only: each filter applies as it changes, with no Apply click, and
    // lands in the URL; typing carries on in the text field after the page reloads.
    await page.locator("html[data-hydrated=true]").waitFor();
    assert.equal(await page.getByRole("button", { name: "Apply" }).count(), 0);
    await page.getByLabel("Severity", { exact: true }).selectOption("error");
    await page.waitForURL(/min_severity=error/);
    await page.locator("html[data-hydrated=true]").waitFor();
    await page.getByLabel("Text", { exact: true }).pressSequentially("timeout");
    await page.waitForURL(/q=timeout/);
    assert.match(page.url(), /min_severity=error/);
    await page.locator("html[data-hydrated=true]").waitFor();
    assert.equal(await page.evaluate(() => document.activeElement?.id), "log-q");
    const matches = page.locator("#log-lines > li");
    assert.equal(await matches.count(), 6);
    for (const text of await matches.allInnerTexts()) {
      assert.match(text, /ERROR[\s\S]*upstream timeout/);
    }
    assert.equal(await page.locator("#log-lines mark").first().innerText(), "timeout");

    // A permalink (in the opened row) opens the viewer around the line, highlighted and
    // scrolled into the log box, with its neighbours.
    const target = matches.nth(2);
    const id = (await target.getAttribute("id"))!.slice(1);
    await target.locator("summary").click();
    await target.getByRole("link", { name: `Link to line ${id}` }).click();
    await page.waitForURL(`${url}/contexts/${context.id}?line=${id}#L${id}`);
    const highlighted = page.locator(`#L${id}`);
    assert.equal(await highlighted.getAttribute("class"), "hl");
    const [lineBox, scrollBox] = await Promise.all([
      highlighted.boundingBox(),
      page.locator("[data-log-scroll]").boundingBox(),
    ]);
    assert.ok(
      lineBox && scrollBox && lineBox.y >= scrollBox.y &&
        lineBox.y + lineBox.height <= scrollBox.y + scrollBox.height,
      "the permalinked line is in view inside the log box",
    );
    assert.ok(await page.locator("#log-lines > li").count() > 50, "the lines around it are shown");

    // Back to the newest lines; turn the live tail on and see a new line arrive.
    await page.getByRole("link", { name: "Newest" }).click();
    await page.waitForURL(`${url}/contexts/${context.id}`);
    const tail = page.getByRole("switch", { name: "Live tail" });
    await page.locator("html[data-hydrated=true]").waitFor();
    await tail.click();
    await page.getByText("Live: new lines appear below").waitFor();
    assert.match(page.url(), /live=1/);
    await api("POST", `/v1/contexts/${context.id}/logs`, {
      severity: "warn",
      message: "disk almost full on /data",
    });
    await page.getByText("disk almost full on /data").waitFor();

    // Scrolled up to read, the tail pauses and counts what arrives.
    await page.locator("[data-log-scroll]").evaluate((el) => el.scrollTop = -400);
    await page.getByText("Paused while you read").waitFor();
    await api("POST", `/v1/contexts/${context.id}/logs`, [
      { severity: "info", message: "one more" },
      { severity: "info", message: "and another" },
    ]);
    await page.getByText("Paused while you read: 2 new lines").waitFor();
    const top = await page.locator("[data-log-scroll]").evaluate((el) => el.scrollTop);
    assert.ok(top < -300, `the view stayed where the reader was (scrollTop ${top})`);
    // The status and the way back stay in sight at the foot of the box while the reader is up.
    const [jumpBox, logBox] = await Promise.all([
      page.getByRole("button", { name: "Jump to latest" }).boundingBox(),
      page.locator("[data-log-scroll]").boundingBox(),
    ]);
    assert.ok(
      jumpBox && logBox && jumpBox.y >= logBox.y &&
        jumpBox.y + jumpBox.height <= logBox.y + logBox.height,
      `Jump to latest at ${JSON.stringify(jumpBox)} lies inside the log box ${
        JSON.stringify(logBox)
      }`,
    );
    await page.getByRole("button", { name: "Jump to latest" }).click();
    await page.getByText("Live: new lines appear below").waitFor();
    assert.ok(await page.getByText("and another").isVisible());
  },
);

/** A user with a context holding `typicalLines()`, signed in on the page's browser context. */
async function typicalContext(t: { server: { app: TestApp; url: string } }, page: Page) {
  const { app, url } = t.server;
  const user = await createUser(app);
  const token = await createToken(app, user, ["contexts:read", "contexts:write"]);
  const send = (path: string, body: unknown) =>
    app.request(path, {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: JSON.stringify(body),
    }).then((r) => r.json());
  const { context } = await send("/v1/contexts", { status: "running", region: "eu-west" });
  await send(`/v1/contexts/${context.id}/logs`, typicalLines());
  const [name, value] = user.cookie.split("=") as [string, string];
  await page.context().addCookies([{ name, value, url }]);
  return `${url}/contexts/${context.id}`;
}

browserTest(
  "the log viewer shows one line per log line, opens a line on click, and keeps its toolbar above the lines, without sideways scrolling",
  async (t) => {
    for (const viewport of [{ width: 1280, height: 800 }, { width: 390, height: 844 }]) {
      const page = await t.browser.newPage({ viewport });
      const viewer = await typicalContext(t, page);
      await page.goto(viewer);
      await page.locator("html[data-hydrated=true]").waitFor();
      const rows = page.locator("#log-lines > li");
      assert.equal(await rows.count(), 100);
      // One text line per row (20 px of line height and a little padding), key fields inline
      // where there is room for them.
      const heights = await rows.evaluateAll((lis) => lis.map((li) => li.clientHeight));
      assert.ok(heights.every((h) => h <= 25), `row heights ${heights.join(" ")}`);
      const fields = rows.last().locator(".k");
      if (viewport.width >= 640) assert.match(await fields.innerText(), /request_id=req-1099/);
      // A click opens the row: its metadata and its link appear.
      const last = rows.last();
      assert.equal(await last.getByRole("link", { name: /Link to line/ }).isVisible(), false);
      await last.locator("summary").click();
      assert.ok(await last.getByRole("link", { name: /Link to line/ }).isVisible());
      assert.match(await last.innerText(), /request_id=req-1099/);
      // The live tail switch sits above the log box.
      const [toggle, box] = await Promise.all([
        page.getByRole("switch", { name: "Live tail" }).boundingBox(),
        page.locator("[data-log-scroll]").boundingBox(),
      ]);
      assert.ok(toggle && box && toggle.y + toggle.height <= box.y, "the switch is above");
      // One way to older lines; and the histogram's bars are not tab stops.
      assert.ok(await page.getByRole("link", { name: /Older/ }).count() <= 1);
      const tabbable = await page.locator("figure a").evaluateAll((links) =>
        links.filter((a) => (a as HTMLElement).tabIndex >= 0 && a.checkVisibility()).length
      );
      assert.equal(tabbable, 0);
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      assert.equal(width, viewport.width, `no sideways scrolling at ${viewport.width} px`);
      await page.close();
    }
  },
);

browserTest(
  "a person switches the viewer to local time, the browser remembers it, and the URL keeps UTC",
  async (t) => {
    const context = await t.browser.newContext({
      viewport: { width: 1280, height: 800 },
      timezoneId: "Asia/Kolkata",
    });
    const page = await context.newPage();
    const viewer = await typicalContext(t, page);
    await page.goto(viewer);
    await page.locator("html[data-hydrated=true]").waitFor();
    const first = page.locator("#log-lines time").first();
    // typicalLines() starts at 11:26:40 UTC, which is 16:56:40 in India (UTC+05:30).
    assert.equal(await first.innerText(), "11:26:40.000");
    await page.getByRole("button", { name: "Local" }).click();
    // The island rewrites the times after the click: wait for it rather than race it.
    await page.locator("#log-lines time", { hasText: "16:56:40.000" }).first().waitFor();
    assert.equal(await first.innerText(), "16:56:40.000");
    assert.equal(await first.getAttribute("datetime"), "2026-11-25T11:26:40.000Z");
    await page.reload();
    await page.locator("html[data-hydrated=true]").waitFor();
    await page.locator("#log-lines time", { hasText: "16:56:40.000" }).first().waitFor();
    assert.equal(await page.locator("#log-lines time").first().innerText(), "16:56:40.000");
    assert.equal(
      await page.getByRole("button", { name: "Local" }).getAttribute("aria-pressed"),
      "true",
    );
    // A custom range typed in local time goes into the URL as UTC.
    await page.getByText("Custom range").click();
    await page.getByText("Custom range (local time)").waitFor();
    await page.getByLabel("From").fill("2026-11-25T17:00:00");
    await page.getByRole("button", { name: "Apply" }).click();
    await page.waitForURL(/from=2026-11-25T11%3A30%3A00.000Z$/);
    await page.locator("html[data-hydrated=true]").waitFor();
    assert.equal(await page.getByLabel("From").inputValue(), "2026-11-25T17:00");
    await context.close();
  },
);

browserTest(
  "the contexts list shows each context's name and labels, and filters by name and label",
  async ({ server, page }) => {
    const { app, url } = server;
    const user = await createUser(app, { handle: "noor" });
    const token = await createToken(app, user, ["contexts:write"]);
    const register = (body: Record<string, unknown>) =>
      app.request("/v1/contexts", {
        method: "POST",
        headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
        body: JSON.stringify({ status: "running", region: "eu-west", ...body }),
      }).then((r) => r.json());
    const { context: eu } = await register({
      name: "checkout-eu",
      labels: { env: "prod", team: "core" },
    });
    app.clock.advance(1000);
    await register({ name: "checkout-staging", labels: { env: "staging" } });
    const [name, value] = user.cookie.split("=") as [string, string];
    await page.context().addCookies([{ name, value, url }]);

    await page.goto(`${url}/contexts`);
    const rows = page.locator("tbody tr");
    assert.equal(await rows.count(), 2);
    assert.equal(await page.getByRole("link", { name: "checkout-eu" }).count(), 1);
    assert.equal(await page.getByRole("link", { name: "env=prod" }).count(), 1);
    assert.equal(await page.getByRole("link", { name: "env=staging" }).count(), 1);

    // A label typed into the filter form narrows the list and stays in the URL and the field.
    await page.getByRole("searchbox", { name: "Labels" }).fill("env=prod");
    await page.getByRole("button", { name: "Filter" }).click();
    await page.waitForURL(/label=env%3Dprod/);
    assert.equal(await rows.count(), 1);
    assert.match(await rows.first().innerText(), /checkout-eu[\s\S]*team=core/);
    assert.equal(await page.getByRole("searchbox", { name: "Labels" }).inputValue(), "env=prod");

    // By part of the name; a label chip is a link to the list filtered by it.
    await page.goto(`${url}/contexts`);
    await page.getByRole("searchbox", { name: "Name" }).fill("STAGING");
    await page.getByRole("button", { name: "Filter" }).click();
    await page.waitForURL(/name=STAGING/);
    assert.equal(await rows.count(), 1);
    assert.match(await rows.first().innerText(), /checkout-staging/);
    await page.getByRole("link", { name: "Clear" }).click();
    await page.getByRole("link", { name: "team=core" }).click();
    await page.waitForURL(/label=team%3Dcore/);
    assert.equal(await rows.count(), 1);
    await page.getByRole("link", { name: "checkout-eu" }).click();
    await page.waitForURL(`${url}/contexts/${eu.id}`);
    await page.getByRole("heading", { name: "checkout-eu" }).waitFor();
  },
);
