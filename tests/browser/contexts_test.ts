import { assert } from "../helpers/assert.ts";
import { browserTest } from "../helpers/browser.ts";
import { createToken, createUser } from "../helpers/accounts.ts";

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

    // Errors with "timeout" only; the filters land in the URL.
    await page.getByLabel("Severity", { exact: true }).selectOption("error");
    await page.getByLabel("Text", { exact: true }).fill("timeout");
    await page.getByRole("button", { name: "Apply" }).click();
    await page.waitForURL(/min_severity=error/);
    assert.match(page.url(), /q=timeout/);
    const matches = page.locator("#log-lines > li");
    assert.equal(await matches.count(), 6);
    for (const text of await matches.allInnerTexts()) {
      assert.match(text, /ERROR[\s\S]*upstream timeout/);
    }
    assert.equal(await page.locator("#log-lines mark").first().innerText(), "timeout");

    // A permalink opens the viewer around the line, highlighted, with its neighbours.
    const target = matches.nth(2);
    const id = (await target.getAttribute("id"))!.slice(1);
    await target.getByRole("link", { name: `Link to line ${id}` }).click();
    await page.waitForURL(`${url}/contexts/${context.id}?line=${id}#L${id}`);
    const highlighted = page.locator(`#L${id}`);
    assert.match((await highlighted.getAttribute("class"))!, /ring-amber-300/);
    assert.ok(await highlighted.isVisible());
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
