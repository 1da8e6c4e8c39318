import { assert } from "../helpers/assert.ts";
import { browserTest } from "../helpers/browser.ts";

const PASSWORD = "correct horse battery staple";
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
    await resetPage.getByRole("button", { name: "Set password and sign in" }).click();
    await resetPage.waitForURL(`${url}/dashboard?notice=password_reset`);
    await resetPage.getByRole("heading", { name: "Welcome, @grace" }).waitFor();

    // The old session and the token no longer work.
    await page.reload();
    await page.waitForURL(/\/login\?next=/);
    const session = oldCookies.find((c) => c.name === "session")!;
    const old = await fetch(`${url}/v1/auth/me`, {
      headers: { cookie: `session=${session.value}` },
    });
    assert.equal(old.status, 401);
    await old.body?.cancel();
    const revoked = await fetch(`${url}/v1/auth/me`, {
      headers: { authorization: `Bearer ${token}` },
    });
    assert.equal(revoked.status, 401);
    await revoked.body?.cancel();
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
