// POST /v1/otlp/v1/logs through the app: both encodings, gzip, how resources pick contexts,
// partial success, and the refusals OTLP/HTTP specifies, each answered in the request's
// encoding.
import { assert } from "../helpers/assert.ts";
import { createToken, createUser } from "../helpers/accounts.ts";
import { getJson, newContext, type Runtime, setUp } from "../contexts/fixtures.ts";
import { nanos, records, request, RESOURCE, send, str } from "./fixtures.ts";

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
