import { assert } from "../helpers/assert.ts";
import { browserTest } from "../helpers/browser.ts";
import { createUser } from "../helpers/accounts.ts";
import { bundleArchive } from "../helpers/packages.ts";
import { buildRunModule, padModule } from "@/lib/packages/bundle/wasm.ts";

browserTest(
  "a verified user uploads with the progress bar, reviews nine ticks, publishes, makes it public, and anyone sees it",
  async ({ server, page, browser }) => {
    const { app, url } = server;
    const user = await createUser(app, { handle: "grace" });
    const [name, value] = user.cookie.split("=") as [string, string];
    await page.context().addCookies([{ name, value, url }]);
    // A few MiB, so the upload reports progress more than once.
    const wasm = padModule(buildRunModule(), 3 * 1024 * 1024, { fill: "random" });
    const file = await Deno.makeTempFile({ suffix: ".tar.gz" });
    await Deno.writeFile(file, await bundleArchive("grace.hello", "1.0.0", { wasm }));

    // Record what the progress bar shows, across the navigation to the review.
    const progress: number[] = [];
    await page.exposeFunction("reportProgress", (v: number) => progress.push(v));
    await page.goto(`${url}/packages/new`);
    await page.waitForSelector("html[data-hydrated=true]");
    await page.evaluate(() => {
      new MutationObserver(() => {
        const bar = document.querySelector("progress");
        // deno-lint-ignore no-explicit-any
        if (bar) (globalThis as any).reportProgress(bar.value);
      }).observe(document.body, { subtree: true, childList: true, attributes: true });
    });
    await page.getByLabel("Bundle archive").setInputFiles(file);
    await page.getByRole("button", { name: "Upload and verify" }).click();
    await page.waitForURL(/\/packages\/new\/review\?upload=sha256:[0-9a-f]{64}$/);
    assert.ok(progress.length > 0, "the progress bar was shown");
    assert.equal(progress.at(-1), 100, `the bar finished; it showed ${progress.join(", ")}`);

    // The review: nine ticks, the facts, private by default.
    await page.getByText("The bundle verified.").waitFor();
    assert.equal(await page.locator('[data-status="passed"]').count(), 9);
    await page.getByText("New: this creates it").waitFor();
    assert.equal(await page.getByLabel(/^Private/).isChecked(), true);
    await page.getByRole("button", { name: "Publish 1.0.0" }).click();

    // The package page.
    await page.waitForURL(`${url}/packages/grace.hello?published=1.0.0`);
    await page.getByText("Version 1.0.0 is published.").waitFor();
    const digest = (await page.locator("dd code").first().textContent())!.trim();
    assert.match(digest, /^sha256:[0-9a-f]{64}$/);

    // Make it public through the confirmation.
    await page.getByRole("link", { name: "Package settings" }).click();
    await page.getByRole("link", { name: "Make public…" }).click();
    await page.getByRole("heading", { name: "Make grace.hello public?" }).waitFor();
    await page.getByText("Anyone can download every version").waitFor();
    await page.getByRole("button", { name: "Make public" }).click();
    await page.waitForURL(`${url}/packages/grace.hello/settings?notice=public`);
    await page.getByRole("status").getByText("The package is public.").waitFor();

    // Anyone, signed out, sees the public page with the same facts.
    const anonymous = await browser.newContext();
    const visitor = await anonymous.newPage();
    const res = await visitor.goto(`${url}/@grace/grace.hello`);
    assert.equal(res?.status(), 200);
    assert.equal(
      res?.headers()["cache-control"],
      "public, max-age=0, must-revalidate, s-maxage=600",
    );
    await visitor.getByRole("heading", { name: "grace.hello" }).waitFor();
    await visitor.getByText(digest).first().waitFor();
    await visitor.getByText("✓ Verified").first().waitFor();
    assert.equal(await visitor.getByRole("button", { name: "Sign out" }).count(), 0);
    const wasmLink = visitor.getByRole("link", { name: "Download skill.wasm of 1.0.0" });
    assert.equal(
      await wasmLink.getAttribute("href"),
      "/@grace/grace.hello/versions/1.0.0/artifact",
    );
    await anonymous.close();
    await Deno.remove(file);
  },
);

browserTest(
  "the upload form shows the server's reason for refusing an upload without leaving the page",
  async ({ server, page }) => {
    const { app, url } = server;
    const user = await createUser(app);
    const [name, value] = user.cookie.split("=") as [string, string];
    await page.context().addCookies([{ name, value, url }]);
    const archive = await Deno.makeTempFile({ suffix: ".tar.gz" });
    await Deno.writeFile(archive, await bundleArchive("both.skill", "1.0.0"));
    await page.goto(`${url}/packages/new`);
    await page.waitForSelector("html[data-hydrated=true]");
    await page.getByRole("button", { name: "Upload and verify" }).click();
    await page.getByText("Choose a bundle archive or the bundle files first").waitFor();
    // The archive and loose files together are refused by the server.
    await page.getByLabel("Bundle archive").setInputFiles(archive);
    await page.getByText("Or pick the bundle files one by one").click();
    await page.getByLabel("Bundle files").setInputFiles(archive);
    await page.getByRole("button", { name: "Upload and verify" }).click();
    await page.getByText("Send either the archive in 'bundle' or the files one by one").waitFor();
    assert.equal(new URL(page.url()).pathname, "/packages/new");
    await Deno.remove(archive);
  },
);
