import { assert } from "../helpers/assert.ts";
import { browserTest } from "../helpers/browser.ts";
import { createUser, TEST_PASSWORD, tokenFromMail } from "../helpers/accounts.ts";
import { hit } from "@/lib/auth/rate_limit.ts";
import { LIMITS } from "@/lib/auth/limits.ts";
import type { Page } from "playwright-core";

async function signInAs(page: Page, url: string, cookie: string) {
  const [name, value] = cookie.split("=") as [string, string];
  await page.context().addCookies([{ name, value, url }]);
}

// The name of the focused element's field, as the page's own script would see it.
const focused = (page: Page) => page.evaluate(() => document.activeElement?.getAttribute("name"));

const PASSWORD = TEST_PASSWORD;
const NEW_PASSWORD = "an entirely new passphrase";

browserTest(
  "a person signs up, verifies, signs out and in, uses an API token, and resets the password",
  async ({ server, page, browser }) => {
    const { app, url } = server;
    const email = "grace@example.com";

    // Sign up.
    await page.goto(`${url}/signup`);
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Handle").fill("grace");
    await page.getByLabel("Password").fill(PASSWORD);
    await page.getByRole("button", { name: "Create account" }).click();
    await page.getByRole("heading", { name: "Check your email" }).waitFor();

    // Follow the mailed link and confirm.
    const link = /(http:\/\/127\.0\.0\.1:\d+\/verify\?token=[A-Za-z0-9_-]+)/.exec(
      app.mailer.lastTo(email).text,
    )![1]!;
    await page.goto(link);
    await page.getByRole("button", { name: "Verify email address" }).click();
    await page.waitForURL(`${url}/dashboard?notice=verified`);
    await page.getByText("Your email address is verified.").waitFor();
    await page.getByRole("heading", { name: "Welcome, @grace" }).waitFor();

    // Sign out, then sign in again.
    await page.getByRole("button", { name: "Sign out" }).click();
    await page.waitForURL(`${url}/login?notice=signed_out`);
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill(PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL(`${url}/dashboard`);

    // Create an API token and use it from outside the browser.
    await page.goto(`${url}/settings/tokens`);
    await page.getByLabel("Name").fill("laptop CLI");
    await page.getByRole("checkbox", { name: /contexts:read/ }).check();
    await page.getByRole("button", { name: "Create token" }).click();
    const token = (await page.locator("#new-token").textContent())!.trim();
    assert.match(token, /^inactu_[0-9a-f]{32}_/);
    const me = await fetch(`${url}/v1/auth/me`, { headers: { authorization: `Bearer ${token}` } });
    assert.equal(me.status, 200);
    assert.equal((await me.json()).email, email);
    await page.goto(`${url}/settings/tokens`);
    await page.getByRole("cell", { name: "laptop CLI", exact: true }).waitFor();
    assert.equal(await page.locator("#new-token").count(), 0, "the token must be shown only once");
    // A second token that is revoked below, by choice, on the reset form.
    await page.getByLabel("Name").fill("old deploy key");
    await page.getByRole("button", { name: "Create token" }).click();
    const leaked = (await page.locator("#new-token").textContent())!.trim();

    // Remember this browser's session, then reset the password from a second browser.
    const oldCookies = await page.context().cookies();
    const other = await browser.newContext();
    const resetPage = await other.newPage();
    await resetPage.goto(`${url}/forgot`);
    await resetPage.getByLabel("Email").fill(email);
    await resetPage.getByRole("button", { name: "Send reset link" }).click();
    await resetPage.getByRole("heading", { name: "Check your email" }).waitFor();
    const resetLink = /(http:\/\/\S+\/reset\?token=[A-Za-z0-9_-]+)/.exec(
      app.mailer.lastTo(email).text,
    )![1]!;
    await resetPage.goto(resetLink);
    await resetPage.getByLabel("New password").fill(NEW_PASSWORD);
    // Tokens survive a reset unless revoked on purpose: the choice is offered, counted, unticked.
    const choice = resetPage.getByLabel("Also revoke the 2 API tokens of this account");
    assert.equal(await choice.isChecked(), false);
    await resetPage.getByRole("button", { name: "Set password and sign in" }).click();
    await resetPage.waitForURL(`${url}/dashboard?notice=password_reset`);
    await resetPage.getByRole("heading", { name: "Welcome, @grace" }).waitFor();

    // The old session no longer works; the API tokens do (P10: nothing ticked).
    await page.reload();
    await page.waitForURL(/\/login\?next=/);
    const session = oldCookies.find((c) => c.name === "session")!;
    const old = await fetch(`${url}/v1/auth/me`, {
      headers: { cookie: `session=${session.value}` },
    });
    assert.equal(old.status, 401);
    await old.body?.cancel();
    for (const kept of [token, leaked]) {
      const res = await fetch(`${url}/v1/auth/me`, {
        headers: { authorization: `Bearer ${kept}` },
      });
      assert.equal(res.status, 200);
      await res.body?.cancel();
    }
    await resetPage.getByText("your API tokens keep working").waitFor();
    await other.close();
  },
);

browserTest(
  "the sign-up form shows each problem next to its field and keeps what was typed",
  async ({ server, page }) => {
    await page.goto(`${server.url}/signup`);
    await page.getByLabel("Email").fill("not an email");
    await page.getByLabel("Handle").fill("Admin");
    await page.getByLabel("Password").fill("short");
    await page.getByRole("button", { name: "Create account" }).click();
    await page.getByText("Enter a valid email address, such as you@example.com").waitFor();
    await page.getByText('The handle "admin" is reserved; choose another').waitFor();
    await page.getByText("Password must be at least 12 characters").waitFor();
    assert.equal(await page.getByLabel("Email").inputValue(), "not an email");
    assert.equal(await page.getByLabel("Email").getAttribute("aria-invalid"), "true");
  },
);

browserTest(
  "a reset can revoke the API tokens when ticked, and says how many",
  async ({ server, page }) => {
    const { app, url } = server;
    const user = await createUser(app);
    await signInAs(page, url, user.cookie);
    await page.goto(`${url}/settings/tokens`);
    await page.getByLabel("Name").fill("maybe leaked");
    await page.getByRole("button", { name: "Create token" }).click();
    const token = (await page.locator("#new-token").textContent())!.trim();
    await page.goto(`${url}/forgot`);
    await page.getByLabel("Email").fill(user.email);
    await page.getByRole("button", { name: "Send reset link" }).click();
    await page.getByRole("heading", { name: "Check your email" }).waitFor();
    await page.goto(`${url}/reset?token=${tokenFromMail(app, user.email, "/reset")}`);
    await page.getByLabel("New password").fill(NEW_PASSWORD);
    await page.getByLabel("Also revoke the 1 API token of this account").check();
    await page.getByRole("button", { name: /set the password|Set password/ }).click();
    await page.getByText("your API tokens were revoked").waitFor();
    const res = await fetch(`${url}/v1/auth/me`, { headers: { authorization: `Bearer ${token}` } });
    assert.equal(res.status, 401);
    await res.body?.cancel();
  },
);

browserTest(
  "reloading the page that shows a new token creates no second token and shows the secret no more",
  async ({ server, page }) => {
    const { app, url } = server;
    const user = await createUser(app);
    await signInAs(page, url, user.cookie);
    await page.goto(`${url}/settings/tokens`);
    await page.getByLabel("Name").fill("CI publish");
    const created = page.waitForResponse((r) => r.request().method() === "POST");
    await page.getByRole("button", { name: "Create token" }).click();
    const post = await created;
    assert.equal(post.status(), 303);
    await page.waitForURL(/\/settings\/tokens\?created=[0-9a-f-]{36}$/);
    const secret = (await page.locator("#new-token").textContent())!.trim();
    assert.match(secret, /^inactu_[0-9a-f]{32}_/);
    assert.ok(!page.url().includes(secret.slice(7, 39)), "the secret is never in the URL");
    const shown = await page.reload();
    assert.equal(shown!.request().method(), "GET");
    assert.equal(shown!.headers()["cache-control"], "no-store");
    assert.equal(shown!.headers()["referrer-policy"], "no-referrer");
    await page.getByText("Its secret was already shown once and is not shown again").waitFor();
    assert.equal(await page.locator("#new-token").count(), 0);
    assert.equal(await page.getByRole("cell", { name: "CI publish", exact: true }).count(), 1);
    const tokens = await app.request("/v1/tokens", { headers: { cookie: user.cookie } });
    assert.equal((await tokens.json()).tokens.length, 1);
  },
);

browserTest(
  "a sign-up refused by the per-network limit keeps what was typed, never the password",
  async ({ server, page }) => {
    const { app, url } = server;
    const { limit, windowMs } = LIMITS.signupPerIp;
    for (let i = 0; i < limit; i++) {
      await hit(app.services.db, `${LIMITS.signupPerIp.key}:127.0.0.1`, {
        limit,
        windowMs,
        now: app.clock.now(),
      });
    }
    await page.goto(`${url}/signup`);
    await page.getByLabel("Email").fill("pupil@example.com");
    await page.getByLabel("Handle").fill("pupil");
    await page.getByLabel("Password").fill(PASSWORD);
    await page.getByRole("button", { name: "Create account" }).click();
    await page.getByText("Too many sign-ups from your network").waitFor();
    assert.equal(await page.getByLabel("Email").inputValue(), "pupil@example.com");
    assert.equal(await page.getByLabel("Handle").inputValue(), "pupil");
    assert.equal(await page.getByLabel("Password").inputValue(), "");
    assert.ok(!(await page.content()).includes(PASSWORD));
  },
);

browserTest(
  "after an error the first field in error has the focus, and a token-name error sits by its field",
  async ({ server, page }) => {
    const { app, url } = server;
    await page.goto(`${url}/signup`);
    assert.equal(await focused(page), "email");
    await page.getByLabel("Email").fill("pupil@example.com");
    await page.getByLabel("Handle").fill("Admin");
    await page.getByLabel("Password").fill("short");
    await page.getByRole("button", { name: "Create account" }).click();
    await page.getByText('The handle "admin" is reserved; choose another').waitFor();
    assert.equal(await focused(page), "handle");

    const user = await createUser(app);
    await signInAs(page, url, user.cookie);
    await page.goto(`${url}/settings/tokens`);
    await page.getByRole("button", { name: "Create token" }).click();
    const error = page.locator("#field-name-error");
    await error.waitFor();
    assert.equal(await focused(page), "name");
    assert.equal(
      await page.getByLabel("Name").getAttribute("aria-describedby"),
      "field-name-error",
    );
    // The message sits right under the name field, not at the top of the form.
    const field = (await page.getByLabel("Name").boundingBox())!;
    const box = (await error.boundingBox())!;
    assert.ok(
      box.y > field.y && box.y - (field.y + field.height) < 40,
      JSON.stringify([field, box]),
    );
    await page.getByLabel("Name").fill("CI");
    await page.getByRole("checkbox", { name: /packages:read/ }).uncheck();
    await page.getByRole("button", { name: "Create token" }).click();
    await page.getByText("Choose at least one scope").waitFor();
    assert.equal(await focused(page), "scopes");

    await page.goto(`${url}/settings`);
    await page.getByLabel("Current password").fill("not my password at all");
    await page.getByLabel("New password").fill(NEW_PASSWORD);
    await page.getByRole("button", { name: "Change password" }).click();
    await page.getByText("Current password is incorrect").waitFor();
    assert.equal(await focused(page), "current_password");
  },
);
