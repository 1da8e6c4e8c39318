import { assert } from "../helpers/assert.ts";
import { browserTest } from "../helpers/browser.ts";
import { createToken, createUser } from "../helpers/accounts.ts";

browserTest(
  "a person filters a context's logs by metadata fields, the filter stays in the URL and its links, and a mistyped one says what is allowed",
  async ({ server, page }) => {
    const { app, url } = server;
    const user = await createUser(app, { handle: "fia" });
    const token = await createToken(app, user, ["contexts:read", "contexts:write"]);
    const api = (method: string, path: string, body: unknown) =>
      app.request(path, {
        method,
        headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
        body: JSON.stringify(body),
      }).then((r) => r.json());
    const { context } = await api("POST", "/v1/contexts", { status: "running", region: "eu-west" });
    const routes = ["/v1/orders", "/v1/orders/9", "/v1/items"];
    await api(
      "POST",
      `/v1/contexts/${context.id}/logs`,
      Array.from({ length: 400 }, (_, i) => ({
        severity: i % 10 === 3 ? "error" : "info",
        message: `GET ${routes[i % 3]} #${i}`,
        metadata_json: { status: i % 10 === 3 ? 500 : 200, route: routes[i % 3], duration_ms: i },
      })),
    );
    const [name, value] = user.cookie.split("=") as [string, string];
    await page.context().addCookies([{ name, value, url }]);
    await page.goto(`${url}/contexts/${context.id}`);
    await page.locator("html[data-hydrated=true]").waitFor();

    // status 500 on an orders route, slower than 250 ms: typed, then Enter.
    const fields = page.getByLabel("Fields", { exact: true });
    await fields.fill("status:500 route:/v1/orders* duration_ms>250");
    await fields.press("Enter");
    await page.waitForURL(/fields=/);
    const params = new URL(page.url()).searchParams;
    assert.equal(params.get("fields"), "status:500 route:/v1/orders* duration_ms>250");
    const expected = Array.from({ length: 400 }, (_, i) => i).filter((i) =>
      i % 10 === 3 && i % 3 !== 2 && i > 250
    );
    const rows = page.locator("#log-lines > li");
    assert.equal(await rows.count(), expected.length);
    const texts = await rows.allInnerTexts();
    for (const [n, i] of expected.entries()) assert.match(texts[n]!, new RegExp(`#${i}\\b`));
    assert.equal(await fields.inputValue(), "status:500 route:/v1/orders* duration_ms>250");
    // The downloads carry the field filter too.
    const download = await page.getByRole("link", { name: /NDJSON/ }).getAttribute("href");
    assert.match(download!, /fields=status%3A500/);

    // A comparison without a number: the page says what is allowed and keeps what was typed.
    await fields.fill("duration_ms>slow");
    await fields.press("Enter");
    await page.waitForURL(/fields=duration_ms%3Eslow/);
    await page.getByText("duration_ms> needs a number, such as duration_ms>250").waitFor();
    assert.equal(await fields.inputValue(), "duration_ms>slow");
    assert.equal(await rows.count(), 0);
  },
);
