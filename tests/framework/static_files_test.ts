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

Deno.test("static files are served in the coding the client takes: the build's copies, else compressed at start", async () => {
  const dir = await Deno.makeTempDir();
  const built = await Deno.makeTempDir();
  try {
    const css = "body { color: red }\n".repeat(200);
    await Deno.writeTextFile(`${dir}/notes.txt`, "a plain note that repeats. ".repeat(100));
    await Deno.writeFile(`${dir}/logo.png`, new Uint8Array(2000));
    await Deno.writeTextFile(`${built}/app.css`, css);
    // Stand-ins for the build's copies, so the test can tell them from fresh compression.
    await Deno.writeTextFile(`${built}/app.css.br`, "BR");
    await Deno.writeTextFile(`${built}/app.css.gz`, "GZ");
    const files = await loadStaticFiles([
      { dir, prefix: "/", immutable: false },
      { dir: built, prefix: "/_fresh/", immutable: true },
    ]);
    assert.deepEqual([...files.keys()].sort(), ["/_fresh/app.css", "/logo.png", "/notes.txt"]);
    const app = testApp({}, { staticFiles: files });
    const get = (path: string, headers: Record<string, string> = {}) =>
      app.fetch(path, { headers });

    const br = await get("/_fresh/app.css", { "accept-encoding": "gzip, br" });
    assert.equal(br.res.headers.get("content-encoding"), "br");
    assert.equal(br.body, "BR");
    assert.equal(br.res.headers.get("vary"), "Accept-Encoding");
    const gz = await get("/_fresh/app.css", { "accept-encoding": "gzip" });
    assert.equal(gz.body, "GZ");
    const plain = await get("/_fresh/app.css");
    assert.equal(plain.body, css);
    assert.equal(plain.res.headers.get("content-encoding"), null);
    const etags = [br, gz, plain].map((r) => r.res.headers.get("etag")!);
    assert.equal(new Set(etags).size, 3);
    // Each validator matches its own representation only.
    const again = await get("/_fresh/app.css", {
      "accept-encoding": "br",
      "if-none-match": etags[0]!,
    });
    assert.equal(again.res.status, 304);
    const other = await get("/_fresh/app.css", {
      "accept-encoding": "gzip",
      "if-none-match": etags[0]!,
    });
    assert.equal(other.res.status, 200);

    const note = await get("/notes.txt", { "accept-encoding": "gzip" });
    assert.equal(note.res.headers.get("content-encoding"), "gzip");
    assert.ok(Number(note.res.headers.get("content-length")) < 2700);
    const png = await get("/logo.png", { "accept-encoding": "br, gzip" });
    assert.equal(png.res.headers.get("content-encoding"), null);
    assert.equal(png.res.headers.get("vary"), null);
  } finally {
    await Deno.remove(dir, { recursive: true });
    await Deno.remove(built, { recursive: true });
  }
});
