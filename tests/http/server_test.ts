// The listener serves HTTP/1.1 itself (lib/server/connection.ts, response.ts): what a client
// sees of framing, keep-alive, HEAD, bodies left unread, streams it leaves, and bad requests.
import { assert, assertIncludes } from "../helpers/assert.ts";
import { RawConn, startFront } from "./front_harness.ts";

const encoder = new TextEncoder();

Deno.test("a page goes out whole with its Content-Length; a HEAD gets the same head and no body", async () => {
  await using server = startFront(() =>
    new Response("<p>hello</p>", { headers: { "content-type": "text/html" } })
  );
  const conn = await RawConn.open(server.port);
  await conn.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n");
  const page = await conn.response();
  assert.equal(page.body, "<p>hello</p>");
  assert.equal(page.headers.get("content-length"), "12");
  assert.ok(page.headers.get("date"), "a Date header");
  await conn.send("HEAD / HTTP/1.1\r\nHost: x\r\n\r\n");
  const head = await conn.response({ noBody: true });
  assert.equal(head.headers.get("content-length"), "12");
  // The next response starts right after the HEAD's head: no body bytes came between.
  await conn.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n");
  assert.equal((await conn.response()).body, "<p>hello</p>");
  conn.close();
});

Deno.test("a body of declared length goes out with the length it really has", async () => {
  // A declared length the body does not have would desynchronise the connection: the head
  // says what was sent. A stream of declared length is still answered whole when small.
  const bodies: Record<string, () => Response> = {
    "/short": () => new Response("four", { headers: { "content-length": "40" } }),
    "/long": () => new Response("a longer body", { headers: { "content-length": "3" } }),
    "/stream": () =>
      new Response(
        new ReadableStream({
          start(c) {
            c.enqueue(encoder.encode("one,"));
            setTimeout(() => (c.enqueue(encoder.encode("two")), c.close()), 20);
          },
        }),
        { headers: { "content-length": "7" } },
      ),
  };
  await using server = startFront((req) => bodies[new URL(req.url).pathname]!());
  const conn = await RawConn.open(server.port);
  const expected: [string, string][] = [
    ["/short", "four"],
    ["/long", "a longer body"],
    ["/stream", "one,two"],
  ];
  for (const [path, body] of expected) {
    await conn.send(`GET ${path} HTTP/1.1\r\nHost: x\r\n\r\n`);
    const res = await conn.response();
    assert.equal(res.body, body, path);
    assert.equal(res.headers.get("content-length"), String(body.length), path);
  }
  conn.close();
});

Deno.test("an HTTP/1.0 client gets its answer and the connection closes unless it asked to keep it", async () => {
  await using server = startFront(() => new Response("one-oh"));
  const conn = await RawConn.open(server.port);
  await conn.send("GET / HTTP/1.0\r\n\r\n");
  const text = await conn.untilClosed();
  assert.match(text, /^HTTP\/1\.1 200 /);
  assertIncludes(text.toLowerCase(), "connection: close");
  assert.ok(text.endsWith("one-oh"));
  conn.close();
  const kept = await RawConn.open(server.port);
  await kept.send("GET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\n");
  assert.equal((await kept.response()).headers.get("connection"), "keep-alive");
  await kept.send("GET / HTTP/1.0\r\n\r\n");
  assert.equal((await kept.response()).body, "one-oh");
  kept.close();
});

Deno.test("a body the app does not read closes the connection after the answer, so it is never read as a request", async () => {
  await using server = startFront(() => new Response("refused", { status: 401 }));
  const conn = await RawConn.open(server.port);
  // The "body" is itself a request: read as one, it would get a second answer.
  const smuggled = "GET /smuggled HTTP/1.1\r\nHost: x\r\n\r\n";
  await conn.send(
    `POST /upload HTTP/1.1\r\nHost: x\r\nContent-Length: ${smuggled.length}\r\n\r\n${smuggled}`,
  );
  const text = await conn.untilClosed();
  assert.match(text, /^HTTP\/1\.1 401 /);
  assertIncludes(text.toLowerCase(), "connection: close");
  assert.equal(text.match(/HTTP\/1\.1 /g)?.length, 1, "one answer only");
  conn.close();
});

Deno.test("a streamed answer is cancelled when its client goes away", async () => {
  let cancelled: (reason: unknown) => void;
  const gone = new Promise((resolve) => cancelled = resolve);
  await using server = startFront(() =>
    new Response(
      new ReadableStream({
        start(controller) {
          controller.enqueue(encoder.encode("data: first\n\n"));
        },
        cancel(reason) {
          cancelled(reason ?? "cancelled");
        },
      }),
      { headers: { "content-type": "text/event-stream" } },
    )
  );
  const conn = await RawConn.open(server.port);
  await conn.send("GET /stream HTTP/1.1\r\nHost: x\r\n\r\n");
  const res = await conn.head();
  assert.equal(res.headers.get("transfer-encoding"), "chunked");
  conn.close();
  assert.ok(await gone, "the app's stream was cancelled");
});

Deno.test("requests a Request cannot carry are refused with the reason", async () => {
  await using server = startFront(() => new Response("ok"));
  const cases: [string, number, string][] = [
    ["CONNECT example.com:443 HTTP/1.1\r\nHost: example.com:443\r\n\r\n", 501, "not served"],
    ["GET / HTTP/1.1\r\nHost: a b\r\n\r\n", 400, "malformed Host header"],
    ["GET * HTTP/1.1\r\nHost: x\r\n\r\n", 400, "request target must be a path"],
  ];
  for (const [request, status, reason] of cases) {
    const conn = await RawConn.open(server.port);
    await conn.send(request);
    const text = await conn.untilClosed();
    assert.match(text, new RegExp(`^HTTP/1\\.1 ${status} `), request.slice(0, 30));
    assertIncludes(text, reason);
    conn.close();
  }
});

Deno.test("a handler that throws answers 500 and the connection carries on", async () => {
  await using server = startFront((req) => {
    if (new URL(req.url).pathname === "/boom") throw new Error("boom");
    return new Response("fine");
  });
  const conn = await RawConn.open(server.port);
  await conn.send("GET /boom HTTP/1.1\r\nHost: x\r\n\r\n");
  const res = await conn.response();
  assert.equal(res.status, 500);
  assert.ok(!res.body.includes("boom"), "no detail of the error");
  await conn.send("GET /after HTTP/1.1\r\nHost: x\r\n\r\n");
  assert.equal((await conn.response()).body, "fine");
  conn.close();
});
