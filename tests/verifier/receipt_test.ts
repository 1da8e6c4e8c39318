// POST /v1/verify/receipt against every receipt vector of the spec (test-vectors/receipt/ and
// receipt-v1/), and the schemas themselves (ajv) as a second opinion on every verdict.
import { assert, assertIncludes } from "../helpers/assert.ts";
import { createTestApp, type TestApp } from "../helpers/app.ts";
import { postJson } from "../helpers/accounts.ts";
import { receiptHashV1Draft } from "@/lib/verifier/receipt.ts";
import { specSchema, vectors } from "./spec.ts";

async function verify(app: TestApp, receipt: unknown) {
  const res = await postJson(app, "/v1/verify/receipt", { receipt });
  return { status: res.status, body: await res.json() };
}

Deno.test("every v0 receipt vector verifies or is refused as the spec expects", async () => {
  await using app = await createTestApp();
  const schema = await specSchema("execution-receipt.schema.json");
  for (const { file, text } of await vectors("receipt/good")) {
    const receipt = JSON.parse(text);
    assert.ok(schema(receipt), file);
    const { status, body } = await verify(app, receipt);
    assert.equal(status, 200, `${file}: ${JSON.stringify(body)}`);
    assert.deepEqual(body, {
      schema_version: "0",
      artifact: receipt.artifact,
      receipt_hash: receipt.receipt_hash,
      valid: true,
    });
  }
  // The one bad v0 vector is well formed; only its hash is wrong.
  const [bad, ...more] = await vectors("receipt/bad");
  assert.equal(more.length, 0, "a new bad v0 vector needs its expected message here");
  const receipt = JSON.parse(bad!.text);
  assert.ok(schema(receipt));
  const { status, body } = await verify(app, receipt);
  assert.equal(status, 400);
  assert.equal(
    body.error,
    `receipt verification failed: digest mismatch: receipt_hash is ${receipt.receipt_hash}, ` +
      "but the receipt hashes to " +
      "sha256:ba1b6579a010096532ca31c2680f7345bda8beb5dd290a427d101e3b584c50e7",
  );
});

Deno.test("every bad v1 draft receipt vector is refused, each for its own reason", async () => {
  await using app = await createTestApp();
  const schema = await specSchema("execution-receipt.v1.experimental.schema.json");
  const expected: Record<string, string> = {
    "receipt-v1/bad/invalid_result_status.json":
      'invalid receipt: result.status: must be "success" or "failure"',
    "receipt-v1/bad/invalid_schema_version.json":
      "invalid receipt: unsupported receipt schema version: 1.0.1",
    "receipt-v1/bad/missing_policy_hash.json": "invalid receipt: policy_hash: is required",
  };
  const bad = await vectors("receipt-v1/bad");
  assert.deepEqual(bad.map((v) => v.file), Object.keys(expected));
  for (const { file, text } of bad) {
    const receipt = JSON.parse(text);
    assert.equal(schema(receipt), false, `${file} should break the schema`);
    const { status, body } = await verify(app, receipt);
    assert.equal(status, 400, file);
    // The answer names the first problem, and lists every field's when there are several.
    const said = [body.error, ...(body.issues ?? []).map((i: { message: string }) => i.message)];
    assertIncludes(said.join("\n"), expected[file]!);
  }
});

Deno.test("the good v1 draft vector is well formed, and verifies once its receipt_hash is the hash of its fields", async () => {
  await using app = await createTestApp();
  const schema = await specSchema("execution-receipt.v1.experimental.schema.json");
  const [good, ...more] = await vectors("receipt-v1/good");
  assert.equal(more.length, 0);
  const receipt = JSON.parse(good!.text);
  assert.ok(schema(receipt));
  // The vector's receipt_hash is a placeholder (the reference verifier's vector test only
  // parses it), so it is refused for its hash and nothing else.
  const stale = await verify(app, receipt);
  assert.equal(stale.status, 400);
  assertIncludes(stale.body.error, "receipt verification failed: digest mismatch");
  const fixed = { ...receipt, receipt_hash: await receiptHashV1Draft(receipt) };
  const ok = await verify(app, fixed);
  assert.equal(ok.status, 200, JSON.stringify(ok.body));
  assert.deepEqual(ok.body, {
    schema_version: "1.0.0-draft",
    artifact: receipt.artifact,
    receipt_hash: fixed.receipt_hash,
    valid: true,
  });
  // Changing any hashed field breaks it.
  const tampered = await verify(app, { ...fixed, caps_used: [] });
  assert.equal(tampered.status, 400);
});

Deno.test("a v1 draft receipt without attestations hashes them as null, as the reference runtime does", async () => {
  const [good] = await vectors("receipt-v1/good");
  const { attestations: _, ...receipt } = JSON.parse(good!.text);
  const { canonicalJson, sha256DigestOfText } = await import("@/lib/packages/bundle/digest.ts");
  const { receipt_hash: __, ...fields } = receipt;
  assert.equal(
    await receiptHashV1Draft(receipt),
    await sha256DigestOfText(canonicalJson({ ...fields, attestations: null })),
  );
});

Deno.test("receipt fields the schemas forbid are refused by name", async () => {
  await using app = await createTestApp();
  const [good] = await vectors("receipt/good");
  const receipt = JSON.parse(good!.text);
  const cases: Array<[unknown, string]> = [
    [{ ...receipt, extra: 1 }, "invalid receipt: unknown field extra"],
    [
      { ...receipt, artifact: `sha256:${"A".repeat(64)}` },
      "invalid receipt: artifact: must be sha256: followed by 64 lowercase hex characters",
    ],
    [{ ...receipt, caps_used: [""] }, "invalid receipt: caps_used.0: must not be empty"],
    [{ ...receipt, timestamp: -1 }, "invalid receipt: timestamp: must not be negative"],
    [
      { ...receipt, timestamp: 1.5 },
      "invalid receipt: timestamp: must be a whole number of seconds",
    ],
    [
      { ...receipt, timestamp: 2 ** 60 },
      "invalid receipt: timestamp: must be a whole number of seconds",
    ],
    [null, "invalid receipt: receipt must be an object"],
    [[receipt], "invalid receipt: receipt must be an object"],
  ];
  for (const [value, message] of cases) {
    const { status, body } = await verify(app, value);
    assert.equal(status, 400, message);
    assertIncludes(body.error, message);
  }
});

Deno.test("verify/receipt takes only a strict JSON body with a receipt", async () => {
  await using app = await createTestApp();
  const missing = await postJson(app, "/v1/verify/receipt", {});
  assert.equal(missing.status, 400);
  assert.deepEqual(await missing.json(), { error: 'receipt is required: send {"receipt": {...}}' });
  const unknown = await postJson(app, "/v1/verify/receipt", { receipt: {}, policy: {} });
  assert.equal(unknown.status, 400);
  assertIncludes((await unknown.json()).error, "unknown field policy");
  const text = await app.request("/v1/verify/receipt", { method: "POST", body: "{}" });
  assert.equal(text.status, 415);
  await text.body?.cancel();
  // Two readers of a receipt with a repeated key could see two receipts: refused.
  const repeated = await app.request("/v1/verify/receipt", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: '{"receipt": {"timestamp": 1, "timestamp": 2}}',
  });
  assert.equal(repeated.status, 400);
  assertIncludes((await repeated.json()).error, "request body is not valid JSON");
  const huge = await postJson(app, "/v1/verify/receipt", { receipt: "x".repeat(1024 * 1024) });
  assert.equal(huge.status, 413);
  await huge.body?.cancel();
});

Deno.test("POST /v1/hash/sha256 answers the existing API's vectors and refuses a non-string payload", async () => {
  await using app = await createTestApp();
  const vectors: Record<string, string> = {
    abc: "sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
    hello: "sha256:2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824",
    "hello from inactu-control":
      "sha256:f91644bf30a515a39e4f174745b4faacab22ff646cb1f029fff8d634570e57d3",
  };
  for (const [payload, digest] of Object.entries(vectors)) {
    const res = await postJson(app, "/v1/hash/sha256", { payload });
    assert.equal(res.status, 200);
    assert.deepEqual(await res.json(), { digest });
  }
  for (const body of [{}, { payload: 1 }, { payload: "a", extra: 1 }]) {
    const res = await postJson(app, "/v1/hash/sha256", body);
    assert.equal(res.status, 400, JSON.stringify(body));
    assert.equal(typeof (await res.json()).error, "string");
  }
});
