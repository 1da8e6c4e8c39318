import { assert } from "../helpers/assert.ts";
import { loadStaticFiles } from "@/lib/framework/static_files.ts";
import { testApp } from "./fixtures.tsx";

Deno.test("static files are served with a content type, an ETag, and 304 when it matches", async () => {
  const dir = await Deno.makeTempDir();
  const built = await Deno.makeTempDir();
  try {
    await Deno.writeTextFile(`${dir}/robots.txt`, "User-agent: *\n");
    await Deno.mkdir(`${built}/js`);
    await Deno.writeTextFile(`${built}/js/app-ABC.js`, "export {}");
    const files = await loadStaticFiles([
      { dir, prefix: "/", immutable: false },
      { dir: built, prefix: "/_fresh/", immutable: true },
      { dir: `${dir}/missing`, prefix: "/x/", immutable: false },
    ]);
    const app = testApp({}, { staticFiles: files });
    const first = await app.fetch("/robots.txt");
    assert.equal(first.res.status, 200);
    assert.equal(first.body, "User-agent: *\n");
    assert.equal(first.res.headers.get("content-type"), "text/plain; charset=utf-8");
    assert.equal(first.res.headers.get("cache-control"), "public, max-age=0, must-revalidate");
    const etag = first.res.headers.get("etag")!;
    assert.match(etag, /^"[A-Za-z0-9_-]{22}"$/);
    const again = await app.fetch("/robots.txt", {
      headers: { "if-none-match": `W/"x", ${etag}` },
    });
    assert.equal(again.res.status, 304);
    assert.equal(again.body, "");
    const js = await app.fetch("/_fresh/js/app-ABC.js");
    assert.equal(js.res.headers.get("cache-control"), "public, max-age=31536000, immutable");
    assert.equal(js.res.headers.get("content-type"), "text/javascript; charset=utf-8");
    assert.equal((await app.fetch("/robots.txt", { method: "POST" })).res.status, 404);
  } finally {
    await Deno.remove(dir, { recursive: true });
    await Deno.remove(built, { recursive: true });
  }
});
