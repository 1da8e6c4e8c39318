import { assert, assertIncludes } from "../helpers/assert.ts";
import type { RequestInfo } from "@/lib/framework/context.ts";
import { RawConn, startFront } from "./front_harness.ts";

async function sha256(bytes: Uint8Array<ArrayBuffer>): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", bytes));
  return Array.from(digest, (b) => b.toString(16).padStart(2, "0")).join("");
}

/** Echoes what it got; /stream is an event stream that outlives every read limit. */
async function echo(req: Request, info: RequestInfo): Promise<Response> {
  const url = new URL(req.url);
  if (url.pathname === "/stream") {
    let n = 0;
    const body = new ReadableStream<Uint8Array>({
      async pull(controller) {
        await new Promise((r) => setTimeout(r, 100));
        controller.enqueue(new TextEncoder().encode(`data: ${n++}\n\n`));
        if (n === 8) controller.close();
      },
    });
    return new Response(body, { headers: { "content-type": "text/event-stream" } });
  }
  if (req.method === "POST") {
    try {
      const body = new Uint8Array(await req.arrayBuffer());
      return new Response(`${body.length} ${await sha256(body)}`);
    } catch {
      return new Response("the body never arrived", { status: 400 });
    }
  }
  const { hostname, port } = info.remoteAddr;
  return new Response(`${req.method} ${url.pathname} from ${hostname}:${port}`);
}

Deno.test("a request whose headers never finish gets 408 and its connection is closed", async () => {
  await using server = startFront(echo);
  const conn = await RawConn.open(server.port);
  await conn.send("GET / HTTP/1.1\r\nHost: x\r\n");
  const text = await conn.untilClosed();
  assert.match(text, /^HTTP\/1\.1 408 /);
  assertIncludes(text, "request headers must arrive within 300 ms");
  conn.close();
});

Deno.test("headers sent a byte at a time are cut off at the deadline; each byte does not extend it", async () => {
  await using server = startFront(echo);
  const conn = await RawConn.open(server.port);
  const head = `GET / HTTP/1.1\r\nHost: x\r\nX-Pad: ${"a".repeat(200)}\r\n\r\n`;
  const trickled = conn.trickle(head, 20);
  assert.match(await conn.untilClosed(), /^HTTP\/1\.1 408 /);
  assert.equal(await trickled, false, "the whole head got through");
  conn.close();
});

Deno.test("a body sent below the minimum rate gets 408 and its connection is closed", async () => {
  await using server = startFront(echo);
  const conn = await RawConn.open(server.port);
  await conn.send("POST /upload HTTP/1.1\r\nHost: x\r\nContent-Length: 200\r\n\r\n");
  const trickled = conn.trickle("a".repeat(200), 20);
  const text = await conn.untilClosed();
  assert.match(text, /^HTTP\/1\.1 408 /);
  assertIncludes(text, "the request body arrived too slowly");
  assert.equal(await trickled, false, "the whole body got through");
  conn.close();
});

Deno.test("a connection that sends nothing, and an idle one after its response, are closed", async () => {
  await using server = startFront(echo);
  const silent = await RawConn.open(server.port);
  assert.equal(await silent.untilClosed(), "");
  silent.close();
  const kept = await RawConn.open(server.port);
  await kept.send("GET /a HTTP/1.1\r\nHost: x\r\n\r\n");
  assert.equal((await kept.response()).body, `GET /a from 127.0.0.1:${kept.port}`);
  assert.equal(await kept.untilClosed(), "");
  kept.close();
});

Deno.test("one address may hold only so many unfinished requests; the next connection gets 429", async () => {
  await using server = startFront(echo);
  const slow = [];
  for (let i = 0; i < 3; i++) {
    const conn = await RawConn.open(server.port);
    await conn.send("GET /slow HTTP/1.1\r\n");
    slow.push(conn);
  }
  const extra = await RawConn.open(server.port);
  const refused = await extra.untilClosed();
  assert.match(refused, /^HTTP\/1\.1 429 /);
  assertIncludes(refused, "at most 3 at a time");
  extra.close();
  // A request that completes frees its place.
  await slow[0]!.send("Host: x\r\n\r\n");
  assert.equal((await slow[0]!.response()).status, 200);
  const next = await RawConn.open(server.port);
  await next.send("GET /next HTTP/1.1\r\nHost: x\r\n\r\n");
  assert.equal((await next.response()).body, `GET /next from 127.0.0.1:${next.port}`);
  for (const conn of [...slow, next]) conn.close();
});

Deno.test("a keep-alive sequence, a HEAD and a pipelined pair are answered in order, with the client's address", async () => {
  await using server = startFront(echo);
  const conn = await RawConn.open(server.port);
  const from = `from 127.0.0.1:${conn.port}`;
  for (const path of ["/one", "/two"]) {
    await conn.send(`GET ${path} HTTP/1.1\r\nHost: x\r\n\r\n`);
    assert.equal((await conn.response()).body, `GET ${path} ${from}`);
  }
  await conn.send("HEAD /head HTTP/1.1\r\nHost: x\r\n\r\n");
  assert.equal((await conn.response({ noBody: true })).status, 200);
  await conn.send("GET /three HTTP/1.1\r\nHost: x\r\n\r\nGET /four HTTP/1.1\r\nHost: x\r\n\r\n");
  assert.equal((await conn.response()).body, `GET /three ${from}`);
  assert.equal((await conn.response()).body, `GET /four ${from}`);
  conn.close();
});

Deno.test("uploads arrive whole: a large body, a chunked body and one sent after 100 Continue", async () => {
  await using server = startFront(echo);
  const big = crypto.getRandomValues(new Uint8Array(65536)).map((b, i) => b ^ i);
  const large = new Uint8Array(3 * 1024 * 1024).map((_, i) => big[i % big.length]!);
  const res = await fetch(`http://127.0.0.1:${server.port}/upload`, {
    method: "POST",
    body: large,
  });
  assert.equal(await res.text(), `${large.length} ${await sha256(large)}`);

  const conn = await RawConn.open(server.port);
  await conn.send("POST /u HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n");
  await conn.send("5\r\nhello\r\n6;note=1\r\n world\r\n0\r\nX-Trailer: 1\r\n\r\n");
  const hello = new TextEncoder().encode("hello world");
  assert.equal((await conn.response()).body, `11 ${await sha256(hello)}`);
  await conn.send(
    "POST /c HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 5\r\n\r\n",
  );
  assert.equal((await conn.response()).status, 100);
  await conn.send("hello");
  assert.equal((await conn.response()).body, `5 ${await sha256(hello.subarray(0, 5))}`);
  conn.close();
});

Deno.test("event streams keep flowing past the read deadlines and do not count as unfinished", async () => {
  await using server = startFront(echo);
  // One more stream than the cap allows unfinished requests: a stream's request is complete.
  const streams = [];
  for (let i = 0; i < 4; i++) streams.push(await fetch(`http://127.0.0.1:${server.port}/stream`));
  const after = await fetch(`http://127.0.0.1:${server.port}/while-streaming`);
  assert.match(await after.text(), /^GET \/while-streaming from 127\.0\.0\.1:\d+$/);
  for (const res of streams) {
    const events = (await res.text()).split("\n\n").filter(Boolean);
    assert.deepEqual(events, [0, 1, 2, 3, 4, 5, 6, 7].map((n) => `data: ${n}`));
  }
});

Deno.test("framings that two parsers could read differently are refused with the reason", async () => {
  await using server = startFront(echo);
  const cases: [string, number, string][] = [
    ["Content-Length: 5\r\nTransfer-Encoding: chunked\r\n", 400, "both Content-Length and"],
    ["Transfer-Encoding: gzip, chunked\r\n", 501, "only Transfer-Encoding accepted"],
    ["Content-Length: 5\r\nContent-Length: 6\r\n", 400, "Content-Length must be one"],
    ["Content-Length: -1\r\n", 400, "Content-Length must be one"],
    ["X-Folded: a\r\n b\r\n", 400, "malformed header line"],
    ["Bad Name: a\r\n", 400, "malformed header line"],
    [`X-Big: ${"a".repeat(70 * 1024)}\r\n`, 431, "at most 65536 bytes"],
  ];
  for (const [headers, status, reason] of cases) {
    const conn = await RawConn.open(server.port);
    await conn.send(`POST / HTTP/1.1\r\nHost: x\r\n${headers}\r\n`);
    const text = await conn.untilClosed();
    assert.match(text, new RegExp(`^HTTP/1\\.1 ${status} `), headers.slice(0, 60));
    assertIncludes(text, reason);
    conn.close();
  }
  const chunked = await RawConn.open(server.port);
  await chunked.send("POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n");
  assertIncludes(await chunked.untilClosed(), "malformed request body");
  chunked.close();
});
