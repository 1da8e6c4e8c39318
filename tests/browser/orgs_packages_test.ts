// docs/adr/0010 end to end in a browser: an organization, a member invited by email (the mail
// read from a real SMTP server), a version published through a team's publish grant, and the
// member's removal taking effect on their very next page load.
import { assert } from "../helpers/assert.ts";
import { browserTest, CHROMIUM_PATH } from "../helpers/browser.ts";
import { createUser } from "../helpers/accounts.ts";
import { startSmtpServer } from "../helpers/smtp.ts";
import { bundleArchive } from "../helpers/packages.ts";
import { grantThroughTeam, publishAt } from "../orgs/package_helpers.ts";
import type { Page } from "playwright-core";

const smtp = await startSmtpServer();
// The test is skipped without Chromium when SKIP_BROWSER_TESTS=1: nothing would close it then.
const chromium = await Deno.stat(CHROMIUM_PATH).then((f) => f.isFile, () => false);
if (!chromium && Deno.env.get("SKIP_BROWSER_TESTS") === "1") await smtp.close();

async function signIn(page: Page, url: string, cookie: string) {
  const [name, value] = cookie.split("=") as [string, string];
  await page.context().addCookies([{ name, value, url }]);
}

browserTest(
  "an owner invites a member by email, the member publishes through a team's grant, and loses the package on the next page load once removed",
  async ({ server, page, browser }) => {
    const { app, url } = server;
    try {
      const olga = await createUser(app, { handle: "olga" });
      const mia = await createUser(app, { handle: "mia" });
      await signIn(page, url, olga.cookie);

      // The owner creates the organization and invites mia by email.
      await page.goto(`${url}/orgs/new`);
      await page.getByLabel("Handle").fill("acme");
      await page.getByLabel("Display name").fill("Acme");
      await page.getByRole("button", { name: "Create organization" }).click();
      await page.waitForURL(/\/orgs\/acme/);
      assert.equal((await publishAt(app, olga, "acme", "acme.tool", "1.0.0")).status, 201);
      await page.goto(`${url}/orgs/acme/members`);
      const mail = smtp.nextMail();
      await page.getByLabel("Email address").fill(mia.email);
      await page.getByRole("button", { name: "Send invitation" }).click();
      const invitation = await mail;
      assert.deepEqual(invitation.to, [mia.email]);
      const link = /(http:\/\/127\.0\.0\.1:\d+\/invitations\/[^\s]+)/.exec(invitation.text)?.[1];
      assert.ok(link, invitation.text);

      // Mia accepts in her own browser.
      const miaContext = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      const miaPage = await miaContext.newPage();
      miaPage.setDefaultTimeout(10_000);
      await signIn(miaPage, url, mia.cookie);
      await miaPage.goto(link!);
      await miaPage.getByRole("button", { name: "Accept" }).click();
      await miaPage.waitForURL((u) => !u.pathname.startsWith("/invitations/"));

      // A team with a publish grant on the package; mia publishes 1.1.0 through the form.
      await grantThroughTeam(app, "acme", olga, mia, "acme.tool", "publish");
      await miaPage.goto(`${url}/packages/@acme/acme.tool`);
      await miaPage.getByRole("link", { name: "Publish a new version" }).click();
      const file = await Deno.makeTempFile({ suffix: ".tar.gz" });
      await Deno.writeFile(file, await bundleArchive("acme.tool", "1.1.0"));
      await miaPage.getByLabel("Bundle archive").setInputFiles(file);
      await miaPage.getByRole("button", { name: "Upload and verify" }).click();
      await miaPage.waitForURL(/\/packages\/new\/review\?upload=/);
      await miaPage.getByRole("button", { name: "Publish 1.1.0" }).click();
      await miaPage.waitForURL(`${url}/packages/@acme/acme.tool?published=1.1.0`);
      await miaPage.getByText("@mia").first().waitFor();
      await Deno.remove(file);

      // The owner removes mia; her next page load is the not-found page.
      await page.goto(`${url}/orgs/acme/members`);
      await page.getByRole("button", { name: "Remove @mia" }).click();
      await page.waitForURL(/\/orgs\/acme\/members/);
      const gone = await miaPage.goto(`${url}/packages/@acme/acme.tool`);
      assert.equal(gone?.status(), 404);
      await miaPage.getByRole("heading", { name: "We could not find that page" }).waitFor();
      await miaContext.close();
    } finally {
      await smtp.close();
    }
  },
  { env: { ORGS_ENABLED: "true", SMTP_URL: smtp.url } },
);
