import { assert, assertExcludes, assertIncludes } from "../helpers/assert.ts";
import { createTestApp } from "../helpers/app.ts";
import { createUser } from "../helpers/accounts.ts";
import { publishTestVersion } from "../helpers/packages.ts";

const PRIVATE_NOTE =
  "Private packages and accounts not yet verified look like this too, to anyone but their owner.";

Deno.test("every link in the header and footer leads people to a page, not to raw JSON", async () => {
  await using app = await createTestApp();
  const user = await createUser(app);
  for (const cookie of [undefined, user.cookie]) {
    const headers: Record<string, string> = cookie ? { cookie } : {};
    const html = await (await app.request("/explore", { headers })).text();
    const chrome = [...html.matchAll(/<(header|footer)[\s\S]*?<\/\1>/g)].map((m) => m[0]).join("");
    const hrefs = [...chrome.matchAll(/<a [^>]*href="([^"]+)"/g)].map((m) => m[1]!);
    assert.ok(hrefs.length >= 3, `links: ${hrefs}`);
    for (const href of new Set(hrefs)) {
      let res = await app.request(href, { headers });
      // Account pages send signed-out visitors to sign in: follow that one step.
      if (res.status === 303) res = await app.request(res.headers.get("location")!, { headers });
      assert.equal(res.status, 200, href);
      assert.match(res.headers.get("content-type") ?? "", /^text\/html/, href);
      await res.body?.cancel();
    }
  }
});

Deno.test("only a package's or an account's 404 says that private ones look the same", async () => {
  await using app = await createTestApp();
  const owner = await createUser(app, { handle: "mia" });
  await publishTestVersion(app, owner, "mia.secret", "1.0.0");
  const stranger = await createUser(app);
  const notFound = async (path: string, cookie?: string) => {
    const res = await app.request(path, { headers: cookie ? { cookie } : {} });
    assert.equal(res.status, 404, path);
    return await res.text();
  };
  for (const path of ["/no/such/page", "/settings/nothing", "/explorer"]) {
    assertExcludes(await notFound(path), "Private packages");
  }
  assertIncludes(await notFound("/@nobody-has-this"), PRIVATE_NOTE);
  assertIncludes(await notFound("/@mia/mia.secret"), PRIVATE_NOTE);
  assertIncludes(await notFound("/@mia/mia.secret/versions/1.0.0/bundle"), PRIVATE_NOTE);
  assertIncludes(await notFound("/packages/mia.secret", stranger.cookie), PRIVATE_NOTE);
});
