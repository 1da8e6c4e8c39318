// POST /v1/otlp/v1/logs refusals, as OTLP/HTTP specifies them: 400, 401, 403, 413, 415 and
// 429, each with a google.rpc.Status in the request's encoding, and nothing stored.
import { assert } from "../helpers/assert.ts";
import { createToken } from "../helpers/accounts.ts";
import { getJson, type Runtime, setUp } from "../contexts/fixtures.ts";
import { gzip, PATH, records, request, RESOURCE, send } from "./fixtures.ts";

Deno.test("malformed exports are refused with 400 and a google.rpc.Status saying what is wrong", async () => {
  const rt = await setUp();
  await using _ = rt.app;
  const cases: [unknown, string, "json" | "protobuf"][] = [
    ["{not json", "request body is not valid JSON", "json"],
    [{ resourceLogs: {} }, "resourceLogs must be an array", "json"],
    [
      request(RESOURCE, [{ timeUnixNano: "soon" }]),
      "resourceLogs[0].scopeLogs[0].logRecords[0].timeUnixNano must be a whole number",
      "json",
    ],
    [
      request(RESOURCE, [{ traceId: "xyz" }]),
      "resourceLogs[0].scopeLogs[0].logRecords[0].traceId must be hex text",
      "json",
    ],
  ];
  for (const [body, message, encoding] of cases) {
    const sent = typeof body === "string"
      ? await sendRaw(rt, body, { "content-type": "application/json" })
      : await send(rt.app, rt.token, body, { encoding });
    assert.equal(sent.status, 400, JSON.stringify(sent.body));
    assert.equal(sent.body.code, 3);
    assert.match(String(sent.body.message), new RegExp(escape(message)));
  }
  const garbage = await sendRaw(rt, new Uint8Array([0x0a, 0xff, 0xff, 0xff]), {
    "content-type": "application/x-protobuf",
  });
  assert.equal(garbage.status, 400);
  assert.match(garbage.headers.get("content-type")!, /protobuf/);
  const deep = await sendRaw(rt, JSON.stringify(nested(40)), {
    "content-type": "application/json",
  });
  assert.equal(deep.status, 400);
  assert.match(String(deep.body.message), /must nest at most 32 levels/);
  assert.equal((await getJson(rt, "/v1/contexts")).body.contexts.length, 0);
});

Deno.test("unsupported media types and codings are refused with 415 naming what is accepted", async () => {
  const rt = await setUp();
  await using _ = rt.app;
  const type = await sendRaw(rt, "a", { "content-type": "text/plain" });
  assert.equal(type.status, 415);
  assert.match(String(type.body.message), /application\/x-protobuf or application\/json/);
  const coding = await sendRaw(rt, "{}", {
    "content-type": "application/json",
    "content-encoding": "br",
  });
  assert.equal(coding.status, 415);
  assert.match(String(coding.body.message), /Content-Encoding must be gzip/);
});

Deno.test("a body over 1 MiB, as sent or once inflated, is refused with 413", async () => {
  const rt = await setUp();
  await using _ = rt.app;
  const big = JSON.stringify(request(RESOURCE, [{ body: { stringValue: "x".repeat(1100000) } }]));
  const plain = await sendRaw(rt, big, { "content-type": "application/json" });
  assert.equal(plain.status, 413);
  const bomb = await sendRaw(rt, gzip(" ".repeat(5 * 1024 * 1024)), {
    "content-type": "application/json",
    "content-encoding": "gzip",
  });
  assert.equal(bomb.status, 413);
  assert.match(String(bomb.body.message), /inflates to more than 1 MiB/);
  const broken = await sendRaw(rt, "not gzip", {
    "content-type": "application/json",
    "content-encoding": "gzip",
  });
  assert.equal(broken.status, 400);
  assert.match(String(broken.body.message), /not valid gzip/);
});

Deno.test("an export without a token, or with a token lacking contexts:write, is refused as OTLP says", async () => {
  const rt = await setUp();
  await using _ = rt.app;
  const anonymous = await send(rt.app, null, request(RESOURCE, records(rt)), {
    encoding: "protobuf",
  });
  assert.equal(anonymous.status, 401);
  assert.equal(anonymous.body.code, 16);
  assert.match(String(anonymous.body.message), /authentication required/);
  const readOnly = await createToken(rt.app, rt.user, ["contexts:read"]);
  const refused = await send(rt.app, readOnly, request(RESOURCE, records(rt)));
  assert.equal(refused.status, 403);
  assert.deepEqual(refused.body, {
    code: 7,
    message: "this API token lacks the contexts:write scope",
  });
  assert.equal((await getJson(rt, "/v1/contexts")).body.contexts.length, 0);
});

Deno.test("exports past the account's ingestion budget get 429 with Retry-After", async () => {
  const rt = await setUp();
  await using _ = rt.app;
  let last = await send(rt.app, rt.token, { resourceLogs: [] });
  for (let i = 0; i < 600 && last.status === 200; i++) {
    last = await send(rt.app, rt.token, { resourceLogs: [] });
  }
  assert.equal(last.status, 429);
  assert.equal(last.body.code, 8);
  assert.ok(Number(last.headers.get("retry-after")) > 0);
});

Deno.test("an invalid token is refused with 401 and a google.rpc.Status in the request's encoding", async () => {
  const rt = await setUp();
  await using _ = rt.app;
  for (const encoding of ["json", "protobuf"] as const) {
    const sent = await send(rt.app, "inactu_not_a_token", request(RESOURCE, records(rt)), {
      encoding,
    });
    assert.equal(sent.status, 401);
    assert.match(sent.headers.get("content-type")!, new RegExp(encoding));
    assert.deepEqual(sent.body, { code: 16, message: "invalid, expired or revoked API token" });
  }
});

async function sendRaw(rt: Runtime, body: BodyInit, headers: Record<string, string>) {
  const res = await rt.app.request(PATH, {
    method: "POST",
    headers: { authorization: `Bearer ${rt.token}`, ...headers },
    body,
  });
  const type = res.headers.get("content-type") ?? "";
  return {
    status: res.status,
    headers: res.headers,
    body: type.startsWith("application/json") ? await res.json() : { bytes: await res.text() },
  };
}

function nested(depth: number): unknown {
  let value: unknown = { stringValue: "deep" };
  for (let i = 0; i < depth; i++) value = { arrayValue: { values: [value] } };
  return request(RESOURCE, [{ body: value }]);
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
