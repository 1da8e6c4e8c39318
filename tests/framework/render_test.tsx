import { assert, assertExcludes, assertIncludes } from "../helpers/assert.ts";
import { HttpError } from "@/lib/framework/http_error.ts";
import { page } from "@/lib/framework/handlers.ts";
import type { Context, PageProps } from "@/lib/framework/context.ts";
import { App, Layout, testApp, type TestState, text } from "./fixtures.tsx";

type Ctx = Context<TestState>;

function trail(name: string) {
  return async (ctx: Ctx) => {
    ctx.state.trail.push(`${name}>`);
    const res = await ctx.next();
    ctx.state.trail.push(`<${name}`);
    res.headers.append("x-trail", name);
    return res;
  };
}

Deno.test("middlewares run root first, folder by folder, around the route, and see its response", async () => {
  const app = testApp({
    "./routes/_middleware.ts": { handler: [trail("root1"), trail("root2")] },
    "./routes/(app)/_middleware.ts": { handler: trail("group") },
    "./routes/(app)/packages/_middleware.ts": { default: trail("packages") },
    "./routes/(app)/packages/index.tsx": {
      handler: (ctx: Ctx) => {
        ctx.state.trail.push("route");
        return new Response("ok");
      },
    },
    "./routes/other.tsx": { handler: (ctx: Ctx) => new Response(ctx.state.trail.join(",")) },
  });
  const { res, state } = await app.fetch("/packages");
  assert.deepEqual(state.trail, [
    "root1>",
    "root2>",
    "group>",
    "packages>",
    "route",
    "<packages",
    "<group",
    "<root2",
    "<root1",
  ]);
  assert.equal(res.headers.get("x-trail"), "packages, group, root2, root1");
  assert.equal((await app.fetch("/other")).body, "root1>,root2>");
});

Deno.test("a middleware can answer without calling the route", async () => {
  const app = testApp({
    "./routes/_middleware.ts": { handler: () => new Response("blocked", { status: 403 }) },
    "./routes/index.tsx": { handler: text("never") },
  });
  const { res, body } = await app.fetch("/");
  assert.equal(res.status, 403);
  assert.equal(body, "blocked");
});

Deno.test("a method without a handler is 405 with Allow; GET implies HEAD", async () => {
  const app = testApp({
    "./routes/things.ts": { handler: { GET: text("list"), POST: text("made") } },
    "./routes/page.tsx": { default: () => <p>hi</p> },
  });
  const del = await app.fetch("/things", { method: "DELETE" });
  assert.equal(del.res.status, 405);
  assert.equal(del.res.headers.get("allow"), "GET, HEAD, POST");
  const head = await app.fetch("/things", { method: "HEAD" });
  assert.equal(head.res.status, 200);
  assert.equal(head.body, "");
  const post = await app.fetch("/page", { method: "POST" });
  assert.equal(post.res.status, 405);
  assert.equal(post.res.headers.get("allow"), "GET, HEAD");
  assert.deepEqual(app.routes.map((r) => [r.pattern, r.methods.join(" ")]), [
    ["/page", "GET HEAD"],
    ["/things", "GET HEAD POST"],
  ]);
});

Deno.test("page() renders the page inside its layouts and _app, with status and headers", async () => {
  const Page = ({ data, state }: PageProps<{ name: string }, TestState>) => {
    state.title = `About ${data.name}`;
    return <h1>Hello {data.name}</h1>;
  };
  const app = testApp({
    "./routes/_app.tsx": { default: App },
    "./routes/_layout.tsx": { default: Layout("root") },
    "./routes/docs/_layout.tsx": { default: Layout("docs") },
    "./routes/docs/[name].tsx": {
      handler: {
        GET: (ctx: Ctx) =>
          page({ name: ctx.params.name! }, { status: 201, headers: { "x-a": "1" } }),
      },
      default: Page,
    },
  });
  const { res, body } = await app.fetch("/docs/%3Cb%3E");
  assert.equal(res.status, 201);
  assert.equal(res.headers.get("x-a"), "1");
  assert.equal(res.headers.get("content-type"), "text/html; charset=utf-8");
  assertIncludes(body, "<!DOCTYPE html>");
  // The page sets the title while rendering; _app renders after it and reads it.
  assertIncludes(body, "<title>About &lt;b></title>");
  assertIncludes(
    body,
    '<div data-layout="root"><div data-layout="docs"><h1>Hello &lt;b></h1></div></div>',
  );
  assertIncludes(body, '<link rel="stylesheet" href="/_fresh/css/styles-TEST.css"/>');
});

Deno.test("a page's text in any script reaches the client as UTF-8, in the title and the body", async () => {
  // The page and _app are encoded apart (lib/framework/render.ts): each part, ASCII or not,
  // must come out whole, and text that looks like the page's place in _app stays text.
  const Page = ({ state }: PageProps<unknown, TestState>) => {
    state.title = "Café · 日本語 🚀";
    return <p>naïve → {"<\u0000page\u0000>"} ✓ 😀 end</p>;
  };
  const app = testApp({
    "./routes/_app.tsx": { default: App },
    "./routes/_layout.tsx": { default: Layout("root") },
    "./routes/intl.tsx": { default: Page },
    "./routes/ascii.tsx": { default: () => <p>plain</p> },
  });
  const { res, body } = await app.fetch("/intl");
  assert.equal(res.status, 200);
  assertIncludes(body, "<title>Café · 日本語 🚀</title>");
  assertIncludes(
    body,
    '<div data-layout="root"><p>naïve → &lt;\u0000page\u0000&gt; ✓ 😀 end</p></div>',
  );
  assert.equal(body.match(/data-layout/g)?.length, 1);
  // A HEAD says the GET's length, in bytes, without the body.
  const head = await app.fetch("/intl", { method: "HEAD" });
  assert.equal(
    head.res.headers.get("content-length"),
    String(new TextEncoder().encode(body).length),
  );
  assert.equal(head.body, "");
  const ascii = await app.fetch("/ascii");
  assertIncludes(ascii.body, "<title>untitled</title>");
  assertIncludes(ascii.body, '<body><div data-layout="root"><p>plain</p></div></body>');
  assert.equal(ascii.res.headers.get("content-type"), "text/html; charset=utf-8");
});

Deno.test("an _app that shows its page twice, or not at all, renders as written", async () => {
  const twice = ({ Component }: PageProps<unknown, TestState>) => (
    <html>
      <body>
        <Component />
        <hr />
        <Component />
      </body>
    </html>
  );
  const never = () => (
    <html>
      <body>no page here</body>
    </html>
  );
  for (const [app, expected] of [[twice, "<p>Zoë</p><hr><p>Zoë</p>"], [never, "no page here"]]) {
    const served = testApp({
      "./routes/_app.tsx": { default: app as typeof App },
      "./routes/index.tsx": { default: () => <p>Zoë</p> },
    });
    const { res, body } = await served.fetch("/");
    assert.equal(res.status, 200);
    assert.equal(
      body,
      `<!DOCTYPE html><html><body>${expected}</body></html>`,
    );
  }
});

Deno.test("skipInheritedLayouts and skipAppWrapper leave out layouts and _app", async () => {
  const app = testApp({
    "./routes/_app.tsx": { default: App },
    "./routes/_layout.tsx": { default: Layout("root") },
    "./routes/bare.tsx": { default: () => <p>bare</p>, config: { skipInheritedLayouts: true } },
    "./routes/raw.tsx": { default: () => <p>raw</p>, config: { skipAppWrapper: true } },
  });
  const bare = (await app.fetch("/bare")).body;
  assertIncludes(bare, "<body><p>bare</p></body>");
  assertExcludes(bare, "data-layout");
  const raw = (await app.fetch("/raw")).body;
  assert.equal(raw, '<!DOCTYPE html><div data-layout="root"><p>raw</p></div>');
});

Deno.test("HttpError becomes the nearest _error page, _404 for not found, with its status and headers", async () => {
  const ErrorPage = ({ error }: PageProps) => <p>error: {(error as Error).message}</p>;
  const NotFound = ({ url }: PageProps) => <p>missing {url.pathname}</p>;
  const app = testApp({
    "./routes/_app.tsx": { default: App },
    "./routes/_error.tsx": { default: ErrorPage },
    "./routes/_404.tsx": { default: NotFound },
    "./routes/admin/_error.tsx": { default: () => <p>admin error</p> },
    "./routes/limited.ts": {
      handler: () => {
        throw new HttpError(429, "slow down", { headers: { "retry-after": "30" } });
      },
    },
    "./routes/gone.ts": {
      handler: () => {
        throw new HttpError(404, "no such thing");
      },
    },
    "./routes/admin/x.ts": {
      handler: () => {
        throw new HttpError(403);
      },
    },
  });
  const limited = await app.fetch("/limited");
  assert.equal(limited.res.status, 429);
  assert.equal(limited.res.headers.get("retry-after"), "30");
  assertIncludes(limited.body, "<p>error: slow down</p>");
  assertIncludes((await app.fetch("/gone")).body, "<p>missing /gone</p>");
  const unmatched = await app.fetch("/nothing/here");
  assert.equal(unmatched.res.status, 404);
  assertIncludes(unmatched.body, "<p>missing /nothing/here</p>");
  assertIncludes((await app.fetch("/admin/x")).body, "<p>admin error</p>");
});

Deno.test("an _error handler answers for its folder (JSON for an API); a crash never shows internals", async () => {
  const seen: unknown[] = [];
  const app = testApp({
    "./routes/_error.tsx": { default: () => <p>page</p> },
    "./routes/v1/_error.ts": {
      handler: (ctx: Context<unknown>) => {
        const error = ctx.error as HttpError;
        return Response.json({ error: error.message }, {
          status: error.status,
          headers: { "content-type": "application/json; charset=utf-8" },
        });
      },
    },
    "./routes/v1/items.ts": {
      handler: {
        POST: () => {
          throw new HttpError(400, "name is required");
        },
        GET: () => {
          throw new Error("secret database detail");
        },
      },
    },
  }, {
    onServerError: (e) => seen.push(e),
  });
  const bad = await app.fetch("/v1/items", { method: "POST" });
  assert.equal(bad.res.status, 400);
  assert.equal(bad.res.headers.get("content-type"), "application/json; charset=utf-8");
  assert.deepEqual(JSON.parse(bad.body), { error: "name is required" });
  const crash = await app.fetch("/v1/items");
  assert.equal(crash.res.status, 500);
  assert.deepEqual(JSON.parse(crash.body), { error: "internal server error" });
  assert.equal((seen[0] as Error).message, "secret database detail");
  const missing = await app.fetch("/v1/unknown");
  assert.deepEqual([missing.res.status, JSON.parse(missing.body)], [404, { error: "not found" }]);
  const wrongMethod = await app.fetch("/v1/items", { method: "PUT" });
  assert.deepEqual(JSON.parse(wrongMethod.body), {
    error: "PUT is not allowed here; allowed: GET, HEAD, POST",
  });
});

Deno.test("an error thrown by a middleware is rendered, and outer middlewares still see the response", async () => {
  const app = testApp({
    "./routes/_middleware.ts": {
      handler: [trail("outer"), () => Promise.reject(new HttpError(403, "no"))],
    },
    "./routes/index.ts": { handler: text("never") },
  });
  const { res, body } = await app.fetch("/");
  assert.equal(res.status, 403);
  assert.equal(body, "403 no");
  assert.equal(res.headers.get("x-trail"), "outer");
});

Deno.test("ctx.redirect sends targets that would leave this origin to the home page", async () => {
  const app = testApp({
    "./routes/go.ts": { handler: (ctx: Ctx) => ctx.redirect(ctx.url.searchParams.get("to")!, 303) },
  });
  const cases: [string, string][] = [
    ["/packages", "/packages"],
    ["/packages?q=a#b", "/packages?q=a#b"],
    ["//evil.example", "/"],
    ["/\\evil.example", "/"],
    ["/.//evil.example", "/"],
    ["/\t/evil.example", "/"],
    ["https://evil.example/x", "/"],
  ];
  for (const [to, expected] of cases) {
    const { res } = await app.fetch(`/go?to=${encodeURIComponent(to)}`);
    assert.equal(res.status, 303);
    assert.equal(res.headers.get("location"), expected, to);
  }
});
