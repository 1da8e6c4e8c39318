import { assert } from "../helpers/assert.ts";
import { bodyTracker } from "@/lib/server/body.ts";
import { findHeadEnd, parseRequestHead } from "@/lib/server/http1.ts";

const bytes = (s: string) => new TextEncoder().encode(s);

/** Feeds `data` split at `cut`, returning how many bytes the body took. */
function consumeSplit(framing: Parameters<typeof bodyTracker>[0], data: string, cut: number) {
  const body = bodyTracker(framing);
  const all = bytes(data);
  const payload: Uint8Array[] = [];
  let used = body.consume(all.subarray(0, cut), payload);
  if (!body.done) used += body.consume(all.subarray(cut), payload);
  const text = payload.map((p) => new TextDecoder().decode(p)).join("");
  return { used, done: body.done, payload: text };
}

Deno.test("a chunked body ends at its last chunk and trailers, wherever the bytes are split", () => {
  const body = "5\r\nhello\r\n6;note=1\r\n world\r\n0\r\nX-T: 1\r\n\r\n";
  for (let cut = 0; cut <= body.length; cut++) {
    const { used, done, payload } = consumeSplit({ kind: "chunked" }, `${body}GET /next`, cut);
    assert.ok(done, `cut at ${cut}`);
    assert.equal(used, body.length, `cut at ${cut}`);
    assert.equal(payload, "hello world", `cut at ${cut}`);
  }
});

Deno.test("a malformed chunked body is an error, not a wait", () => {
  for (const bad of ["zz\r\n", "5\r\nhelloXX\r\n", `${"f".repeat(16)}\r\n`]) {
    assert.throws(() => bodyTracker({ kind: "chunked" }).consume(bytes(bad)), bad);
  }
});

Deno.test("a Content-Length body takes exactly its length and leaves the next request", () => {
  assert.deepEqual(consumeSplit({ kind: "length", length: 5 }, "helloGET", 2), {
    used: 5,
    done: true,
    payload: "hello",
  });
});

Deno.test("a head ends at the first blank line, with CRLF or bare LF", () => {
  assert.equal(findHeadEnd(bytes("GET / HTTP/1.1\r\nHost: x\r\n\r\nbody")), 27);
  assert.equal(findHeadEnd(bytes("GET / HTTP/1.1\nHost: x\n\nbody")), 24);
  assert.equal(findHeadEnd(bytes("GET / HTTP/1.1\r\nHost: x\r\n")), -1);
});

Deno.test("request heads name their method and framing; HTTP/2 and ambiguous framings are refused", () => {
  assert.deepEqual(parseRequestHead(bytes("POST /x?a=1 HTTP/1.1\r\nContent-Length: 3\r\n\r\n")), {
    method: "POST",
    target: "/x?a=1",
    minor: 1,
    headers: [["content-length", "3"]],
    framing: { kind: "length", length: 3 },
  });
  assert.deepEqual(
    parseRequestHead(bytes("PUT /x HTTP/1.1\r\nTransfer-Encoding: Chunked\r\n\r\n")),
    {
      method: "PUT",
      target: "/x",
      minor: 1,
      headers: [["transfer-encoding", "Chunked"]],
      framing: { kind: "chunked" },
    },
  );
  assert.deepEqual(parseRequestHead(bytes("GET / HTTP/1.0\r\nHost: a\r\n\r\n")), {
    method: "GET",
    target: "/",
    minor: 0,
    headers: [["host", "a"]],
    framing: { kind: "none" },
  });
  const status = (head: string) => (parseRequestHead(bytes(head)) as { status: number }).status;
  assert.equal(status("PRI * HTTP/2.0\r\n\r\n"), 505);
  assert.equal(status("GET /a b HTTP/1.1\r\n\r\n"), 400);
  assert.equal(status("POST / HTTP/1.1\r\nContent-Length: 1, 2\r\n\r\n"), 400);
  assert.equal(
    status("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n\r\n"),
    501,
  );
});
