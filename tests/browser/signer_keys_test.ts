import { assert } from "../helpers/assert.ts";
import { browserTest } from "../helpers/browser.ts";
import { asBrowser, createUser } from "../helpers/accounts.ts";
import { bundleArchive, bundleForm, testSigner } from "../helpers/packages.ts";
import { generateSigner } from "@/lib/packages/bundle/pack.ts";
import type { Page } from "playwright-core";

async function shoot(page: Page, name: string) {
  await page.screenshot({ path: `/tmp/keys-${name}-1280.png`, fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  assert.equal(await page.evaluate(() => document.documentElement.scrollWidth), 390, name);
  await page.screenshot({ path: `/tmp/keys-${name}-390.png`, fullPage: true });
  await page.setViewportSize({ width: 1280, height: 900 });
}

browserTest(
  "the review step shows a key rotation and the added capabilities before publishing, and the version page says so after",
  async ({ server, page }) => {
    const { app, url } = server;
    const user = await createUser(app, { handle: "rita" });
    const old = await testSigner();
    const first = await app.request("/v1/packages/rita.files/versions", {
      method: "POST",
      headers: asBrowser(app, user.cookie, false),
      body: bundleForm(await bundleArchive("rita.files", "1.0.0", { signers: [old] }), {
        visibility: "public",
      }),
    });
    assert.equal(first.status, 201, await first.text());
    const [name, value] = user.cookie.split("=") as [string, string];
    await page.context().addCookies([{ name, value, url }]);

    const next = await generateSigner("rita.ci");
    const file = await Deno.makeTempFile({ suffix: ".tar.gz" });
    await Deno.writeFile(
      file,
      await bundleArchive("rita.files", "1.1.0", {
        signers: [old, next],
        capabilities: [
          { kind: "fs.read", value: "/" },
          { kind: "net.http", value: "https://api.example.com/v1" },
        ],
      }),
    );
    await page.goto(`${url}/packages/new?package=rita.files`);
    await page.waitForSelector("html[data-hydrated=true]");
    await page.getByLabel("Bundle archive").setInputFiles(file);
    await page.getByRole("button", { name: "Upload and verify" }).click();
    await page.waitForURL(/\/packages\/new\/review\?/);

    const keys = page.locator("section", {
      has: page.getByRole("heading", { name: "Signer keys" }),
    });
    await keys.getByText("Key rotation: a pinned key signed").waitFor();
    await keys.getByText("new key", { exact: true }).waitFor();
    const caps = page.locator("section", {
      has: page.getByRole("heading", { name: "Capabilities" }),
    });
    await caps.getByText("more capabilities", { exact: true }).waitFor();
    await caps.getByText("/data → /").waitFor();
    await caps.getByText("Asks for more than 1.0.0:").waitFor();
    await shoot(page, "review");

    await page.getByRole("button", { name: "Publish 1.1.0" }).click();
    await page.waitForURL(/\/packages\/rita\.files\?published=1\.1\.0/);
    const row = page.locator("#v1\\.1\\.0");
    await row.getByText("more capabilities", { exact: true }).waitFor();
    await row.getByRole("link", { name: "1.1.0", exact: true }).click();
    await page.waitForURL(`${url}/packages/rita.files/versions/1.1.0`);
    await page.getByText("Key rotation: 1.1.0 is signed by a pinned key and a new one").waitFor();
    await page.getByText("added in 1.1.0 by rotation").waitFor();

    // The public version page, with a policy check.
    await page.goto(`${url}/@rita/rita.files/versions/1.1.0`);
    await page.getByRole("textbox", { name: "Policy" }).fill(
      "version: 1\ntrusted_signers: [test-signer]\ncapability_ceiling:\n  fs: {read: [/data]}\n",
    );
    await page.getByRole("button", { name: "Check" }).click();
    await page.getByText("Not allowed by this policy").waitFor();
    await shoot(page, "version");
  },
);
