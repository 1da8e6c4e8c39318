import { assert } from "../helpers/assert.ts";
import { browserTest } from "../helpers/browser.ts";
import { createUser } from "../helpers/accounts.ts";
import { bundleArchive, publishTestVersion } from "../helpers/packages.ts";
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
    // Back to the review: the same bytes are that version now, not a failed step 9.
    await page.goBack();
    await page.getByText("This bundle is already published as 1.0.0.").waitFor();
    assert.equal(await page.getByText("The bundle did not verify.").count(), 0);
    await page.screenshot({ path: "/tmp/ux10pkg-review-1280.png", fullPage: true });
    await page.setViewportSize({ width: 390, height: 844 });
    assert.equal(await page.evaluate(() => document.documentElement.scrollWidth), 390);
    await page.screenshot({ path: "/tmp/ux10pkg-review-390.png", fullPage: true });
    await page.setViewportSize({ width: 1280, height: 900 });
    assert.equal(
      await page.getByRole("link", { name: "Open grace.hello 1.0.0" }).getAttribute("href"),
      "/packages/grace.hello",
    );
    await page.goForward();
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

const README = [
  "# Hello",
  "",
  "- [x] signed",
  "- [ ] audited",
  "",
  "```sh",
  "echo hello",
  "```",
  "",
  "![diagram](https://cdn.example/d.png)",
].join("\n");

browserTest(
  "a visitor on a phone sees install and verify before the readme, working checks, copyable code, tag links and Sign in",
  async ({ server, browser }) => {
    const { app, url } = server;
    const owner = await createUser(app, { handle: "ada" });
    await publishTestVersion(app, owner, "ada.tool", "1.0.0", { visibility: "public" });
    const res = await app.request("/v1/packages/ada.tool", {
      method: "PATCH",
      headers: {
        cookie: owner.cookie,
        origin: app.config.publicOrigin,
        "content-type": "application/json",
      },
      body: JSON.stringify({ readme: README, tags: ["pdf-tools"], description: "Tools" }),
    });
    assert.equal(res.status, 200, await res.text());

    const phone = await browser.newContext({ viewport: { width: 390, height: 844 } });
    await phone.grantPermissions(["clipboard-read", "clipboard-write"], { origin: url });
    const page = await phone.newPage();
    await page.goto(`${url}/@ada/ada.tool`);
    await page.waitForSelector("html[data-hydrated=true]");
    const install = await page.getByRole("heading", { name: "Install and verify" }).boundingBox();
    const readme = await page.getByRole("heading", { name: "Hello" }).boundingBox();
    assert.ok(install!.y < readme!.y, "the install panel comes before the readme on a phone");
    assert.equal(await page.evaluate(() => document.documentElement.scrollWidth), 390);
    await page.screenshot({ path: "/tmp/ux10pkg-public-390.png", fullPage: true });
    // A visitor sees no Public badge, and the header offers Sign in and Create account.
    assert.equal(await page.getByText("Public", { exact: true }).count(), 0);
    await page.getByRole("link", { name: "Sign in" }).waitFor();
    await page.getByRole("link", { name: "Create account" }).waitFor();
    await page.getByText('What "Verified" means').waitFor();

    // The commands the panel shows download both files and check them.
    const codes = await page.locator("pre code").allTextContents();
    const download = codes.find((c) => c.startsWith("curl "))!;
    const check = codes.find((c) => c.includes("sha256sum -c"))!;
    const dir = await Deno.makeTempDir();
    const run = await new Deno.Command("sh", { args: ["-c", `${download} && ${check}`], cwd: dir })
      .output();
    const out = new TextDecoder().decode(run.stdout);
    assert.equal(run.code, 0, new TextDecoder().decode(run.stderr));
    assert.match(out, /ada\.tool-1\.0\.0\.tar\.gz: OK/);
    assert.match(out, /ada\.tool-1\.0\.0\.wasm: OK/);
    await Deno.remove(dir, { recursive: true });

    // The readme: checkboxes, an anchor, the image as a link, a copy button on the code.
    assert.equal(await page.locator("[data-readme] input[type=checkbox]:checked").count(), 1);
    assert.equal(await page.locator("[data-readme] input[type=checkbox]:disabled").count(), 2);
    assert.equal(
      await page.getByRole("link", { name: "Image: diagram" }).getAttribute("href"),
      "https://cdn.example/d.png",
    );
    await page.getByRole("link", { name: "Link to this section" }).first().click();
    assert.ok(page.url().endsWith("#readme-hello"));
    await page.getByRole("button", { name: "Copy code to clipboard" }).click();
    await page.getByRole("button", { name: "Copied" }).waitFor();
    assert.equal(await page.evaluate(() => navigator.clipboard.readText()), "echo hello\n");

    // A tag is a link to a search that finds the package.
    await page.getByRole("link", { name: "pdf-tools" }).click();
    await page.waitForURL(`${url}/explore?q=pdf-tools`);
    await page.getByRole("link", { name: "ada.tool" }).waitFor();
    assert.equal(await page.evaluate(() => document.documentElement.scrollWidth), 390);
    await page.screenshot({ path: "/tmp/ux10pkg-explore-390.png", fullPage: true });
    await phone.close();

    // On a wide screen the readme is on the left, the panel beside it.
    const wide = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await wide.goto(`${url}/@ada/ada.tool`);
    const left = await wide.getByRole("heading", { name: "Hello" }).boundingBox();
    const right = await wide.getByRole("heading", { name: "Install and verify" }).boundingBox();
    assert.ok(left!.x < right!.x, "the readme is left of the install panel");
    await wide.screenshot({ path: "/tmp/ux10pkg-public-1280.png", fullPage: true });
    await wide.goto(`${url}/explore?q=pdf-tools`);
    await wide.screenshot({ path: "/tmp/ux10pkg-explore-1280.png", fullPage: true });
    await wide.close();
  },
);

browserTest(
  "the owner previews a readme in settings without JavaScript and nothing is saved",
  async ({ server, browser }) => {
    const { app, url } = server;
    const owner = await createUser(app, { handle: "lin" });
    await publishTestVersion(app, owner, "lin.tool", "1.0.0");
    for (const width of [1280, 390]) {
      const context = await browser.newContext({
        javaScriptEnabled: false,
        viewport: { width, height: width === 390 ? 844 : 800 },
      });
      const [name, value] = owner.cookie.split("=") as [string, string];
      await context.addCookies([{ name, value, url }]);
      const page = await context.newPage();
      await page.goto(`${url}/packages/lin.tool/settings`);
      await page.getByLabel("Readme").fill(README);
      await page.getByRole("button", { name: "Preview readme" }).click();
      await page.getByText("(not saved yet)").waitFor();
      await page.getByRole("heading", { name: "Hello" }).waitFor();
      assert.equal(await page.getByLabel("Readme").inputValue(), README);
      assert.equal(await page.evaluate(() => document.documentElement.scrollWidth), width);
      await page.screenshot({ path: `/tmp/ux10pkg-settings-${width}.png`, fullPage: true });
      await page.goto(`${url}/packages/lin.tool`);
      assert.equal(await page.getByRole("heading", { name: "Hello" }).count(), 0);
      await page.screenshot({ path: `/tmp/ux10pkg-owner-${width}.png`, fullPage: true });
      await context.close();
    }
  },
);
