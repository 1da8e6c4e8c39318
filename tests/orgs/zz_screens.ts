// Not a test: takes screenshots of the organization pages (deno run -A tests/orgs/zz_screens.ts).
import { startServer } from "../helpers/server.ts";
import { launchChromium } from "../helpers/browser.ts";
import { createUser } from "../helpers/accounts.ts";
import { acme, api } from "./helpers.ts";

await using server = await startServer({ env: { ORGS_ENABLED: "true" } });
const app = server.app;
const { owner, member } = await acme(app);
await api(app, owner, "POST", "/v1/orgs/acme/teams", { slug: "core", name: "Core maintainers" });
await api(app, owner, "PUT", "/v1/orgs/acme/teams/core/members/mia");
await api(app, owner, "PATCH", "/v1/orgs/acme", { description: "Skills for the Acme runtime" });
await api(app, owner, "POST", "/v1/orgs/acme/members", {
  email: "pending@example.com",
  role: "admin",
});
const zed = await createUser(app, { handle: "zed" });
await api(app, owner, "POST", "/v1/orgs/acme/members", { email: zed.email });
const browser = await launchChromium();
const shots: [string, string, string][] = [
  ["new", "/orgs/new", owner.cookie],
  ["overview", "/orgs/acme", owner.cookie],
  ["members", "/orgs/acme/members", owner.cookie],
  ["members-as-member", "/orgs/acme/members", member.cookie],
  ["settings", "/orgs/acme/settings", owner.cookie],
  ["teams", "/orgs/acme/teams", owner.cookie],
  ["team", "/orgs/acme/teams/core", owner.cookie],
  ["audit", "/orgs/acme/audit", owner.cookie],
  ["dashboard-invited", "/dashboard", zed.cookie],
  ["dashboard-owner", "/dashboard", owner.cookie],
  ["public", "/@acme", ""],
];
for (const [w, h] of [[1280, 800], [390, 844]]) {
  for (const [name, path, cookie] of shots) {
    const context = await browser.newContext({ viewport: { width: w, height: h } });
    if (cookie) {
      const [k, v] = cookie.split("=");
      await context.addCookies([{ name: k!, value: v!, url: server.url }]);
    }
    const page = await context.newPage();
    await page.goto(server.url + path);
    await page.screenshot({ path: `/tmp/orgs-shots/${name}-${w}.png`, fullPage: true });
    await context.close();
  }
}
await browser.close();
