// POST /v1/otlp/v1/logs through the app: both encodings, gzip, how resources pick contexts,
// partial success, and the refusals OTLP/HTTP specifies, each answered in the request's
// encoding.
import { assert } from "../helpers/assert.ts";
import { createToken, createUser } from "../helpers/accounts.ts";
import { getJson, newContext, type Runtime, setUp } from "../contexts/fixtures.ts";
import { gzip, nanos, PATH, request, send, str } from "./fixtures.ts";

const RESOURCE = [
  str("service.name", "checkout"),
  str("service.instance.id", "pod-7"),
  str("process.runtime.name", "nodejs"),
  str("process.runtime.version", "22.1.0"),
  str("host.name", "web-1"),
  str("deployment.environment.name", "prod"),
];

function records(rt: Runtime) {
  const now = rt.app.clock.now();
  return [
    {
      timeUnixNano: nanos(new Date(now.getTime() - 2000)),
      severityNumber: 9,
      severityText: "INFO",
      body: { stringValue: "order placed" },
      attributes: [str("order.id", "o-1"), { key: "amount", value: { intValue: "42" } }],
      traceId: "5b8efff798038103d269b633813fc60c",
      spanId: "eee19b7ec3c1b174",
    },
    {
      timeUnixNano: nanos(new Date(now.getTime() - 1000)),
      severityNumber: 17,
      body: {
        kvlistValue: {
          values: [str("error", "card declined"), { key: "retry", value: { boolValue: true } }],
        },
      },
    },
  ];
}

/** The context's lines, oldest first. */
async function linesOf(rt: Runtime, contextId: string) {
  const { body } = await getJson(rt, `/v1/contexts/${contextId}/logs`);
  return body.logs.toReversed();
}

async function onlyContext(rt: Runtime) {
  const { body } = await getJson(rt, "/v1/contexts");
  assert.equal(body.contexts.length, 1, JSON.stringify(body));
  return body.contexts[0];
}

for (const encoding of ["json", "protobuf"] as const) {
  for (const compressed of [false, true]) {
    const how = `${encoding}${compressed ? " with gzip" : ""}`;
    Deno.test(`an OTLP export in ${how} registers the service instance's context and stores its records`, async () => {
      const rt = await setUp();
      await using _ = rt.app;
      const sent = await send(rt.app, rt.token, request(RESOURCE, records(rt)), {
        encoding,
        gzip: compressed,
      });
      assert.equal(sent.status, 200, JSON.stringify(sent.body));
      assert.match(sent.headers.get("content-type")!, new RegExp(encoding));
      assert.deepEqual(sent.body, {});

      const context = await onlyContext(rt);
      assert.equal(context.name, "checkout/pod-7");
      assert.deepEqual(context.labels, { env: "prod" });
      assert.equal(context.runtime_name, "nodejs");
      assert.equal(context.runtime_version, "22.1.0");
      assert.equal(context.host, "web-1");
      assert.equal(context.status, "running");
      const now = rt.app.clock.now().getTime();
      assert.deepEqual(await linesOf(rt, context.id), [
        {
          id: 1,
          ts: new Date(now - 2000).toISOString(),
          severity: "info",
          message: "order placed",
          metadata_json: {
            "order.id": "o-1",
            amount: 42,
            trace_id: "5b8efff798038103d269b633813fc60c",
            span_id: "eee19b7ec3c1b174",
            scope: "checkout",
            severity_text: "INFO",
          },
        },
        {
          id: 2,
          ts: new Date(now - 1000).toISOString(),
          severity: "error",
          message: '{"error":"card declined","retry":true}',
          metadata_json: { scope: "checkout" },
        },
      ]);

      // The same instance's next export lands in the same context.
      const again = await send(rt.app, rt.token, request(RESOURCE, records(rt)), { encoding });
      assert.equal(again.status, 200);
      assert.equal((await onlyContext(rt)).id, context.id);
      assert.equal((await linesOf(rt, context.id)).length, 4);
    });
  }
}

Deno.test("an OTLP resource with inactu.context.id sends its records to that context", async () => {
  const rt = await setUp();
  await using _ = rt.app;
  const context = await newContext(rt);
  const sent = await send(
    rt.app,
    rt.token,
    request([str("inactu.context.id", context.id), str("service.name", "x")], records(rt)),
  );
  assert.equal(sent.status, 200);
  assert.deepEqual((await linesOf(rt, context.id)).map((l: { message: string }) => l.message), [
    "order placed",
    '{"error":"card declined","retry":true}',
  ]);
  assert.equal((await getJson(rt, "/v1/contexts")).body.contexts.length, 1);
});

Deno.test("records for another user's context are rejected as a partial success, in either encoding", async () => {
  const rt = await setUp();
  await using _ = rt.app;
  const other = await createUser(rt.app);
  const token = await createToken(rt.app, other, ["contexts:write"]);
  const theirs = await newContext(rt);
  for (const encoding of ["json", "protobuf"] as const) {
    const sent = await send(
      rt.app,
      token,
      request([str("inactu.context.id", theirs.id)], records(rt)),
      { encoding },
    );
    assert.equal(sent.status, 200);
    assert.deepEqual(sent.body, {
      partialSuccess: {
        rejectedLogRecords: "2",
        errorMessage:
          `2 log records rejected: resourceLogs[0]: inactu.context.id ${theirs.id}: context not found`,
      },
    });
  }
  assert.equal((await linesOf(rt, theirs.id)).length, 0);
});

Deno.test("an export stores the good records and rejects the rest, saying which and why", async () => {
  const rt = await setUp();
  await using _ = rt.app;
  const old = new Date(rt.app.clock.now().getTime() - 2 * 86_400_000);
  const body = request(RESOURCE, [
    ...records(rt),
    { timeUnixNano: nanos(old), body: { stringValue: "from two days ago" } },
    { body: { stringValue: "x".repeat(5000) } },
  ]);
  const sent = await send(rt.app, rt.token, body, { encoding: "protobuf" });
  assert.equal(sent.status, 200);
  assert.deepEqual(sent.body, {
    partialSuccess: {
      rejectedLogRecords: "2",
      errorMessage: "2 log records rejected: resourceLogs[0].scopeLogs[0].logRecords[2]: " +
        "timeUnixNano must not be more than 24 hours in the past (and 1 more problem)",
    },
  });
  const context = await onlyContext(rt);
  assert.equal((await linesOf(rt, context.id)).length, 2);
});

Deno.test("severity numbers map to the four severities, and text stands in when the number is unset", async () => {
  const rt = await setUp();
  await using _ = rt.app;
  const cases: [number, string, string][] = [
    [1, "", "debug"],
    [8, "", "debug"],
    [9, "", "info"],
    [12, "", "info"],
    [13, "", "warn"],
    [16, "", "warn"],
    [17, "", "error"],
    [21, "FATAL", "error"],
    [24, "", "error"],
    [0, "Warning", "warn"],
    [0, "", "info"],
  ];
  const body = request(
    RESOURCE,
    cases.map(([n, text], i) => ({
      severityNumber: n,
      severityText: text,
      body: { stringValue: `line ${i}` },
    })),
  );
  assert.equal((await send(rt.app, rt.token, body)).status, 200);
  const lines = await linesOf(rt, (await onlyContext(rt)).id);
  assert.deepEqual(lines.map((l: { severity: string }) => l.severity), cases.map((c) => c[2]));
});

Deno.test("a resource without service.name or inactu.context.id has its records rejected", async () => {
  const rt = await setUp();
  await using _ = rt.app;
  const sent = await send(rt.app, rt.token, request([str("host.name", "h")], records(rt)));
  assert.equal(sent.status, 200);
  const partial = sent.body.partialSuccess as Record<string, string>;
  assert.equal(partial.rejectedLogRecords, "2");
  assert.match(partial.errorMessage!, /neither inactu\.context\.id nor service\.name/);
  assert.equal((await getJson(rt, "/v1/contexts")).body.contexts.length, 0);
});

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

Deno.test("two first exports of the same service instance at once register one context", async () => {
  const rt = await setUp();
  await using _ = rt.app;
  const sent = await Promise.all(
    Array.from({ length: 4 }, () => send(rt.app, rt.token, request(RESOURCE, records(rt)))),
  );
  assert.deepEqual(sent.map((s) => s.status), [200, 200, 200, 200]);
  const context = await onlyContext(rt);
  assert.equal((await linesOf(rt, context.id)).length, 8);
});
