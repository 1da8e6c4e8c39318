// Anonymous views of a public package page are answered before the middleware chain
// (lib/http/public_fast.ts). What a visitor gets must be exactly what the full chain sends.
import { assert } from "../helpers/assert.ts";
import { createTestApp, type TestApp } from "../helpers/app.ts";
import { createUser, type TestUser } from "../helpers/accounts.ts";
import { publishTestVersion } from "../helpers/packages.ts";
import { sessionCookieName } from "@/lib/auth/cookie.ts";
import { publicFastPath } from "@/lib/http/public_fast.ts";

const PAGE = "/@fastpath/fast.page";

async function bytesOf(res: Response): Promise<string> {
  const coding = res.headers.get("content-encoding");
  if (!coding || !res.body) return await res.text();
  const format = (coding === "br" ? "brotli" : coding) as CompressionFormat;
  return await new Response(res.body.pipeThrough(new DecompressionStream(format))).text();
}

/** Headers a visitor could compare, without the per-request id and the framing. */
function headersOf(res: Response): [string, string][] {
  const skip = new Set(["x-request-id", "content-length", "date"]);
  return [...res.headers].filter(([name]) => !skip.has(name));
}

async function publishedPage(): Promise<TestApp & { user: TestUser }> {
  const app = await createTestApp();
  const user = await createUser(app, { handle: "fastpath" });
  await publishTestVersion(app, user, "fast.page", "1.0.0", { visibility: "public" });
  return Object.assign(app, { user });
}

Deno.test("an anonymous visitor gets the same page, headers and 304s as the full chain sends", async () => {
  await using app = await publishedPage();
  // A stale session cookie sends the request through the whole chain, which answers it as
  // an anonymous view (the cookie is not valid): the reference answer.
  const stale = `${sessionCookieName(false)}=stale.cookie`;
  const first = await app.request(PAGE);
  assert.equal(first.status, 200);
  const etag = first.headers.get("etag")!;
  await first.arrayBuffer();
  const cases: Record<string, string>[] = [
    {},
    { "accept-encoding": "gzip" },
    { "accept-encoding": "gzip, deflate, br, zstd" },
    { "if-none-match": etag },
    { "if-none-match": etag, "accept-encoding": "br" },
    { "if-none-match": '"something-else"' },
  ];
  for (const headers of cases) {
    const fast = await app.request(PAGE, { headers });
    const full = await app.request(PAGE, { headers: { ...headers, cookie: stale } });
    const label = JSON.stringify(headers);
    assert.equal(fast.status, full.status, label);
    assert.deepEqual(headersOf(fast), headersOf(full), label);
    assert.equal(await bytesOf(fast), await bytesOf(full), label);
    assert.ok(fast.headers.get("x-request-id"), label);
  }
});

Deno.test("the fast path answers only anonymous GETs of a kept public package page", async () => {
  await using app = await publishedPage();
  const fast = publicFastPath(app.services, null);
  const url = (path: string) => new URL(path, app.config.publicOrigin).href;
  // Not yet rendered: the full chain renders it and keeps it.
  assert.equal(await fast(new Request(url(PAGE))), null);
  await (await app.request(PAGE)).arrayBuffer();
  const hit = await fast(new Request(url(PAGE)));
  assert.equal(hit?.status, 200);
  assert.match(await hit!.text(), /fast\.page/);
  const signedIn = { cookie: `${sessionCookieName(false)}=x.y` };
  for (
    const req of [
      new Request(url(PAGE), { headers: signedIn }),
      new Request(url(PAGE), { headers: { authorization: "Bearer abc" } }),
      new Request(url(PAGE), { method: "HEAD" }),
      new Request(url("/@FastPath/fast.page")),
      new Request(url("/@fastpath/missing")),
      new Request(url("/@fastpath")),
    ]
  ) {
    assert.equal(await fast(req), null, `${req.method} ${req.url}`);
  }
});

Deno.test("a change made on one instance shows on another within PUBLIC_PAGE_MAX_STALE_MS", async () => {
  await using a = await publishedPage();
  const shared = { DATABASE_URL: a.config.database.url, PUBLIC_PAGE_MAX_STALE_MS: "5000" };
  await using b = await createTestApp({ env: shared });
  const view = async (app: TestApp) => await (await app.request(PAGE)).text();
  assert.match(await view(b), /1\.0\.0/);
  // Published through instance A (its clock a minute on, so updated_at moves).
  a.clock.advance(60_000);
  await publishTestVersion(a, a.user, "fast.page", "1.1.0", { visibility: "public" });
  // B trusts what it read for up to 5 s of its own clock, then asks again.
  b.clock.advance(4_000);
  assert.doesNotMatch(await view(b), /1\.1\.0/);
  b.clock.advance(1_001);
  assert.match(await view(b), /1\.1\.0/);
  // A, on the embedded default (0), shows it at once.
  assert.match(await view(a), /1\.1\.0/);
});
