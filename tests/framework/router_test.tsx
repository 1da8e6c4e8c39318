import { assert } from "../helpers/assert.ts";
import { parseRouteFile } from "@/lib/framework/route_path.ts";
import { testApp, text } from "./fixtures.tsx";

Deno.test("static routes win over dynamic ones, which win over catch-alls", async () => {
  const app = testApp({
    "./routes/packages/new.tsx": { handler: text("new") },
    "./routes/packages/[name].tsx": {
      handler: (ctx: { params: Record<string, string> }) => new Response(`name=${ctx.params.name}`),
    },
    "./routes/packages/[...rest].tsx": {
      handler: (ctx: { params: Record<string, string> }) => new Response(`rest=${ctx.params.rest}`),
    },
  });
  assert.deepEqual((await app.fetch("/packages/new")).body, "new");
  assert.deepEqual((await app.fetch("/packages/hello")).body, "name=hello");
  assert.deepEqual((await app.fetch("/packages/a/b/c")).body, "rest=a/b/c");
});

Deno.test("parameters are percent-decoded and each route keeps its own parameter names", async () => {
  const app = testApp({
    "./routes/p/[name].tsx": {
      handler: (ctx: { params: Record<string, string> }) => Response.json(ctx.params),
    },
    "./routes/p/[id]/versions.tsx": {
      handler: (ctx: { params: Record<string, string> }) => Response.json(ctx.params),
    },
  });
  assert.deepEqual(JSON.parse((await app.fetch("/p/hello%20world")).body), { name: "hello world" });
  assert.deepEqual(JSON.parse((await app.fetch("/p/42/versions")).body), { id: "42" });
});

Deno.test("a prefixed parameter such as @[handle] matches only segments with the prefix", async () => {
  const app = testApp({
    "./routes/@[handle]/index.tsx": {
      handler: (ctx: { params: Record<string, string> }) =>
        new Response(`user ${ctx.params.handle}`),
    },
    "./routes/@[handle]/[name].tsx": {
      handler: (ctx: { params: Record<string, string> }) =>
        new Response(`${ctx.params.handle}/${ctx.params.name}`),
    },
    "./routes/[page].tsx": {
      handler: (ctx: { params: Record<string, string> }) => new Response(`page ${ctx.params.page}`),
    },
  });
  assert.deepEqual((await app.fetch("/@alice")).body, "user alice");
  assert.deepEqual((await app.fetch("/@alice/echo.minimal")).body, "alice/echo.minimal");
  assert.deepEqual((await app.fetch("/about")).body, "page about");
});

Deno.test("a static branch that dead-ends falls back to a parameter branch", async () => {
  const app = testApp({
    "./routes/a/b/c.tsx": { handler: text("static") },
    "./routes/a/[x]/d.tsx": {
      handler: (ctx: { params: Record<string, string> }) => new Response(`x=${ctx.params.x}`),
    },
  });
  assert.deepEqual((await app.fetch("/a/b/d")).body, "x=b");
  assert.deepEqual((await app.fetch("/a/b/c")).body, "static");
});

Deno.test("(group) folders do not appear in the URL", async () => {
  const app = testApp({ "./routes/(app)/settings/index.tsx": { handler: text("settings") } });
  assert.deepEqual((await app.fetch("/settings")).body, "settings");
  assert.deepEqual((await app.fetch("/(app)/settings")).res.status, 404);
});

Deno.test("two files that resolve to the same route fail with both names", () => {
  assert.throws(
    () =>
      testApp({
        "./routes/(a)/x.tsx": { handler: text("a") },
        "./routes/(b)/x.tsx": { handler: text("b") },
      }),
    { message: "./routes/(a)/x.tsx and ./routes/(b)/x.tsx both resolve to /x" },
  );
  assert.throws(
    () =>
      testApp({
        "./routes/[a].tsx": { handler: text("a") },
        "./routes/[b].tsx": { handler: text("b") },
      }),
    /both resolve to \/:b/,
  );
});

Deno.test("route file names are checked: unknown special files and malformed segments are errors", () => {
  assert.throws(() => parseRouteFile("./routes/_helper.ts"), {
    message: /unknown special file "_helper"/,
  });
  assert.throws(() => parseRouteFile("./routes/a[b]c.tsx"), { message: /is not a valid segment/ });
  assert.throws(() => parseRouteFile("./routes/[...rest]/x.tsx"), {
    message: /must be the last one/,
  });
  assert.throws(() => parseRouteFile("./routes/admin/_app.tsx"), {
    message: /only allowed at routes\/_app/,
  });
});

Deno.test("a trailing slash redirects to the route without it; empty segments do not match", async () => {
  const app = testApp({ "./routes/packages/index.tsx": { handler: text("list") } });
  const { res } = await app.fetch("/packages/?q=x");
  assert.deepEqual(res.status, 308);
  assert.deepEqual(res.headers.get("location"), "/packages?q=x");
  assert.deepEqual((await app.fetch("/packages//x")).res.status, 404);
});

Deno.test("malformed percent-encoding is a 404, not a crash", async () => {
  const app = testApp({ "./routes/[name].tsx": { handler: text("ok") } });
  assert.deepEqual((await app.fetch("/%E0%A4%A")).res.status, 404);
});
