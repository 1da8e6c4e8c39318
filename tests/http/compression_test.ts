import { assert } from "../helpers/assert.ts";
import { createTestApp, type TestApp } from "../helpers/app.ts";
import { createToken, createUser, postJson } from "../helpers/accounts.ts";
import { publishTestVersion } from "../helpers/packages.ts";
import { readBuildAssets } from "@/lib/framework/manifest.ts";

const ROOT = new URL("../..", import.meta.url).pathname.replace(/\/$/, "");

/** The body as text, decoded from the coding the response names. */
async function textOf(res: Response): Promise<string> {
  const coding = res.headers.get("content-encoding");
  if (!coding) return await res.text();
  const format = coding === "br" ? "brotli" : coding;
  const stream = res.body!.pipeThrough(new DecompressionStream(format as CompressionFormat));
  return await new Response(stream).text();
}

function get(app: TestApp, path: string, headers: Record<string, string> = {}) {
  return app.request(path, { headers });
}

Deno.test("a page is sent with brotli or gzip as the browser accepts, and plain to a client that asks for neither", async () => {
  await using app = await createTestApp();
  const plain = await get(app, "/");
  assert.equal(plain.headers.get("content-encoding"), null);
  assert.match(plain.headers.get("vary") ?? "", /accept-encoding/i);
  const html = await plain.text();
  for (const [accept, coding] of [["gzip, deflate, br, zstd", "br"], ["gzip", "gzip"]] as const) {
    const res = await get(app, "/", { "accept-encoding": accept });
    assert.equal(res.headers.get("content-encoding"), coding, accept);
    assert.equal(res.headers.get("content-length"), null);
    assert.match(res.headers.get("vary") ?? "", /accept-encoding/i);
    assert.equal(await textOf(res), html);
  }
  const refused = await get(app, "/", { "accept-encoding": "br;q=0, gzip;q=0" });
  assert.equal(refused.headers.get("content-encoding"), null);
  assert.equal(await refused.text(), html);
});

Deno.test("the stylesheet and an island chunk are sent precompressed, each coding with its own ETag and 304", async () => {
  await using app = await createTestApp();
  const assets = await readBuildAssets(ROOT);
  const island = Object.values(assets.islands)[0]!;
  for (const path of [assets.css, island]) {
    const plain = await get(app, path);
    const identity = await plain.text();
    const etags = new Set([plain.headers.get("etag")]);
    for (const coding of ["br", "gzip"]) {
      const res = await get(app, path, { "accept-encoding": coding });
      assert.equal(res.headers.get("content-encoding"), coding, path);
      const size = Number(res.headers.get("content-length"));
      const copy = await Deno.readFile(
        `${ROOT}/_fresh/public${path.slice("/_fresh".length)}.${coding === "br" ? "br" : "gz"}`,
      );
      assert.equal(size, copy.byteLength, "the build's precompressed copy is what is sent");
      assert.ok(size < identity.length);
      const etag = res.headers.get("etag")!;
      etags.add(etag);
      assert.equal(await textOf(res), identity);
      const again = await get(app, path, { "accept-encoding": coding, "if-none-match": etag });
      assert.equal(again.status, 304);
      assert.equal(again.headers.get("etag"), etag);
      assert.match(again.headers.get("vary") ?? "", /accept-encoding/i);
    }
    assert.equal(etags.size, 3, `three representations, three validators: ${[...etags]}`);
    assert.equal((await get(app, `${path}.br`)).status, 404, "the copies have no URL of their own");
  }
});

Deno.test("a public package page compressed has a weak ETag, and revalidating it still answers 304", async () => {
  await using app = await createTestApp();
  const user = await createUser(app, { handle: "zip" });
  await publishTestVersion(app, user, "zip.page", "1.0.0", { visibility: "public" });
  const path = "/@zip/zip.page";
  const plain = await get(app, path);
  const strong = plain.headers.get("etag")!;
  assert.match(strong, /^"[0-9a-f]{64}"$/);
  assert.equal((await get(app, path, { "if-none-match": strong })).status, 304);

  const br = await get(app, path, { "accept-encoding": "br" });
  assert.equal(br.headers.get("content-encoding"), "br");
  assert.equal(br.headers.get("etag"), `W/${strong}`);
  assert.equal(await textOf(br), await plain.text());
  const revalidated = await get(app, path, {
    "accept-encoding": "br",
    "if-none-match": `W/${strong}`,
  });
  assert.equal(revalidated.status, 304);
  assert.equal(revalidated.headers.get("etag"), `W/${strong}`);
  assert.match(revalidated.headers.get("vary") ?? "", /accept-encoding/i);
  assert.equal(revalidated.headers.get("content-encoding"), null);
});

Deno.test("a bundle download is sent as stored, never recompressed, with its digest ETag", async () => {
  await using app = await createTestApp();
  const user = await createUser(app, { handle: "dl" });
  await publishTestVersion(app, user, "dl.bundle", "1.0.0", { visibility: "public" });
  for (const part of ["bundle", "artifact"]) {
    const path = `/@dl/dl.bundle/versions/1.0.0/${part}`;
    const plain = await get(app, path);
    const res = await get(app, path, { "accept-encoding": "br, gzip" });
    assert.equal(res.status, 200);
    assert.equal(res.headers.get("content-encoding"), null, part);
    assert.equal(res.headers.get("etag"), plain.headers.get("etag"));
    assert.match(res.headers.get("etag")!, /^"sha256:[0-9a-f]{64}"$/);
    assert.deepEqual(
      new Uint8Array(await res.arrayBuffer()),
      new Uint8Array(await plain.arrayBuffer()),
    );
  }
});

/** A running context and the bearer header of a token that may read and write it. */
async function runningContext(app: TestApp) {
  const user = await createUser(app);
  const token = await createToken(app, user, ["contexts:read", "contexts:write"]);
  const auth = { authorization: `Bearer ${token}` };
  const { context } = await (await postJson(app, "/v1/contexts", {
    status: "running",
    region: "eu",
  }, auth)).json();
  return { auth, context: context as { id: string } };
}

Deno.test("the live tail is not compressed and sends its events as they come", async () => {
  await using app = await createTestApp();
  const { auth, context } = await runningContext(app);
  const res = await get(app, `/v1/contexts/${context.id}/logs/stream`, {
    ...auth,
    "accept-encoding": "br, gzip",
  });
  assert.equal(res.status, 200);
  assert.match(res.headers.get("content-type")!, /^text\/event-stream/);
  assert.equal(res.headers.get("content-encoding"), null);
  // A line sent after the tail opened arrives while the stream stays open.
  const line = { severity: "info", message: "hello" };
  await postJson(app, `/v1/contexts/${context.id}/logs`, line, auth);
  const reader = res.body!.getReader();
  let received = "";
  while (!received.includes("hello")) {
    const { value, done } = await reader.read();
    assert.ok(!done, `the stream ended early after: ${received}`);
    received += new TextDecoder().decode(value);
  }
  await reader.cancel();
});

Deno.test("a log export is sent compressed, and a tiny JSON answer is left plain", async () => {
  await using app = await createTestApp();
  const { auth, context } = await runningContext(app);
  const lines = Array.from({ length: 200 }, (_, i) => ({ severity: "info", message: `line ${i}` }));
  await postJson(app, `/v1/contexts/${context.id}/logs`, lines, auth);
  const path = `/v1/contexts/${context.id}/logs/export?format=csv`;
  const plain = await (await get(app, path, auth)).text();
  const gz = await get(app, path, { ...auth, "accept-encoding": "gzip" });
  assert.equal(gz.headers.get("content-encoding"), "gzip");
  assert.equal(await textOf(gz), plain);

  const health = await get(app, "/healthz", { "accept-encoding": "br, gzip" });
  assert.equal(health.headers.get("content-encoding"), null);
  assert.equal((await health.json()).status, "ok");
});
