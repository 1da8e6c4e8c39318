// Execution receipts through the API: every receipt vector of the spec is accepted or refused
// as it says (and for the verifier's reason), receipts link to the owner's version by artifact
// digest, storing is idempotent on receipt_hash, and the list pages with checked cursors.
import { assert, assertIncludes } from "../helpers/assert.ts";
import { createToken, createUser } from "../helpers/accounts.ts";
import { publishTestVersion } from "../helpers/packages.ts";
import { vectors } from "../verifier/spec.ts";
import { makeReceipt } from "@/lib/receipts/make.ts";
import { receiptHashV1Draft } from "@/lib/verifier/receipt.ts";
import { MAX_RECEIPT_BATCH } from "@/lib/receipts/commands.ts";
import { bearer, getJson, newContext, type Runtime, sendJson, setUp } from "./fixtures.ts";

const post = (rt: Runtime, id: string, body: unknown, headers = rt.auth) =>
  sendJson(rt.app, "POST", `/v1/contexts/${id}/receipts`, body, headers);

function receipt(artifact: string, n: number, capsUsed = ["fs.read:/data/in.txt"]) {
  return makeReceipt({ artifact, input: `in ${n}`, output: `out ${n}`, capsUsed, timestamp: n });
}

Deno.test("every receipt vector is accepted or refused by a context as the spec says, for the verifier's reason", async () => {
  const rt = await setUp();
  await using _ = rt.app;
  const context = await newContext(rt);
  const accept = async (file: string, sent: Record<string, unknown>) => {
    const res = await post(rt, context.id, sent);
    const body = await res.json();
    assert.equal(res.status, 201, `${file}: ${JSON.stringify(body)}`);
    assert.equal(body.status, "accepted");
    assert.equal(body.receipt.receipt_hash, sent.receipt_hash);
    assert.deepEqual(body.receipt.receipt, sent, "stored as sent");
    assert.equal(body.receipt.package, null, "no version of the owner has this artifact");
  };
  const refuse = async (file: string, sent: unknown, reason: string) => {
    const res = await post(rt, context.id, sent);
    const body = await res.json();
    const verifier = await sendJson(rt.app, "POST", "/v1/verify/receipt", { receipt: sent }, {});
    assert.equal(res.status, 400, file);
    assert.equal(body.error, (await verifier.json()).error, `${file}: the verifier's reason`);
    assertIncludes(body.error, reason);
  };
  for (const { file, text } of await vectors("receipt/good")) await accept(file, JSON.parse(text));
  for (const { file, text } of await vectors("receipt/bad")) {
    await refuse(file, JSON.parse(text), "receipt verification failed: digest mismatch");
  }
  for (const { file, text } of await vectors("receipt-v1/bad")) {
    await refuse(file, JSON.parse(text), "invalid receipt: ");
  }
  // The v1 draft vector's receipt_hash is a placeholder (tests/verifier/receipt_test.ts): it is
  // refused for its hash alone, and accepted once the hash is its fields' hash.
  const [v1] = await vectors("receipt-v1/good");
  const draft = JSON.parse(v1!.text);
  await refuse(v1!.file, draft, "receipt verification failed: digest mismatch");
  await accept(v1!.file, { ...draft, receipt_hash: await receiptHashV1Draft(draft) });
  const { body } = await getJson(rt, `/v1/contexts/${context.id}/receipts`);
  assert.equal(body.receipts.length, 2, "only the good receipts are stored");
  assert.deepEqual(body.receipts.map((r: { schema_version: string }) => r.schema_version), [
    "1.0.0-draft",
    "0",
  ]);
});

Deno.test("a batch says for each receipt whether it was accepted, already stored or refused and why", async () => {
  const rt = await setUp();
  await using _ = rt.app;
  const context = await newContext(rt);
  const [good] = await vectors("receipt/good");
  const [bad] = await vectors("receipt/bad");
  const fresh = await receipt(`sha256:${"1".repeat(64)}`, 1);
  const first = await post(rt, context.id, [JSON.parse(good!.text)]);
  assert.equal(first.status, 200);
  const res = await post(rt, context.id, [
    JSON.parse(good!.text),
    fresh,
    JSON.parse(bad!.text),
    fresh,
    { artifact: "nope" },
  ]);
  assert.equal(res.status, 200);
  const body = await res.json();
  assert.deepEqual([body.accepted, body.duplicate, body.refused], [1, 2, 2]);
  assert.deepEqual(
    body.results.map((r: { status: string }) => r.status),
    ["duplicate", "accepted", "refused", "duplicate", "refused"],
  );
  assertIncludes(body.results[2].error, "receipt verification failed: digest mismatch");
  assertIncludes(body.results[4].error, "invalid receipt: ");
  const again = await post(rt, context.id, fresh);
  assert.equal(again.status, 200, "a receipt sent again is not stored twice");
  assert.equal((await again.json()).status, "duplicate");
  const { body: list } = await getJson(rt, `/v1/contexts/${context.id}/receipts`);
  assert.equal(list.receipts.length, 2);
});

Deno.test("a batch over the limit, an empty batch and a body that is not JSON are refused and store nothing", async () => {
  const rt = await setUp();
  await using _ = rt.app;
  const context = await newContext(rt);
  const one = await receipt(`sha256:${"2".repeat(64)}`, 2);
  const many = await post(rt, context.id, Array(MAX_RECEIPT_BATCH + 1).fill(one));
  assert.equal(many.status, 413);
  assertIncludes((await many.json()).error, `a batch holds at most ${MAX_RECEIPT_BATCH} receipts`);
  const empty = await post(rt, context.id, []);
  assert.equal(empty.status, 400);
  assert.equal((await empty.json()).error, "send at least one receipt");
  const broken = await post(rt, context.id, '{"artifact": 1, "artifact": 2}');
  assert.equal(broken.status, 400);
  assertIncludes((await broken.json()).error, "request body is not valid JSON");
  const { body } = await getJson(rt, `/v1/contexts/${context.id}/receipts`);
  assert.deepEqual(body.receipts, []);
});

Deno.test("a receipt is linked to the owner's version whose artifact digest it names, and flags undeclared capabilities", async () => {
  const rt = await setUp();
  await using _ = rt.app;
  const published = await publishTestVersion(rt.app, rt.user, "echo.skill", "1.0.0");
  const context = await newContext(rt);
  const res = await post(rt, context.id, [
    await receipt(published.artifact_digest, 1, ["fs.read:/data/a.txt"]),
    await receipt(published.artifact_digest, 2, ["fs.read:/etc/passwd", "env:HOME"]),
  ]);
  const [ok, over] = (await res.json()).results.map((r: { receipt: unknown }) => r.receipt);
  assert.equal(ok.package, "echo.skill");
  assert.equal(ok.version, "1.0.0");
  assert.deepEqual(ok.undeclared_capabilities, [], "fs.read /data declares /data/a.txt");
  assert.deepEqual(over.undeclared_capabilities, ["fs.read:/etc/passwd", "env:HOME"]);
  assert.equal(over.denied_capabilities, null, "the context has no policy");

  // Another user's version with the same wasm is not theirs to link.
  const other = await createUser(rt.app);
  const otherRt: Runtime = {
    ...rt,
    user: other,
    auth: bearer(await createToken(rt.app, other, ["contexts:read", "contexts:write"])),
  };
  const theirs = await newContext(otherRt);
  const foreign = await post(otherRt, theirs.id, await receipt(published.artifact_digest, 3));
  const body = await foreign.json();
  assert.equal(body.receipt.package, null);
  assert.equal(body.receipt.undeclared_capabilities, null, "unknown version: nothing to compare");
});

Deno.test("a context's capability policy is set at registration, changed by PATCH, and flags denied capabilities", async () => {
  const rt = await setUp();
  await using _ = rt.app;
  const policy = {
    version: 1,
    trusted_signers: ["test-signer"],
    capability_ceiling: { fs: { read: ["/data"] } },
  };
  const context = await newContext(rt, {
    status: "running",
    region: "eu",
    capability_policy: policy,
  });
  assert.deepEqual(
    (await getJson(rt, `/v1/contexts/${context.id}/policy`)).body.capability_policy,
    policy,
  );
  await post(
    rt,
    context.id,
    await receipt(`sha256:${"3".repeat(64)}`, 1, ["fs.read:/data/x", "env:HOME"]),
  );
  let list = (await getJson(rt, `/v1/contexts/${context.id}/receipts`)).body;
  assert.deepEqual(list.receipts[0].denied_capabilities, ["env:HOME"]);

  const yaml = "version: 1\ntrusted_signers: [test-signer]\ncapability_ceiling:\n  env: [HOME]\n";
  const patched = await sendJson(rt.app, "PATCH", `/v1/contexts/${context.id}`, {
    capability_policy: yaml,
  }, rt.auth);
  assert.equal(patched.status, 200);
  assert.equal((await patched.json()).context.status, "running", "the status is unchanged");
  list = (await getJson(rt, `/v1/contexts/${context.id}/receipts`)).body;
  assert.deepEqual(list.receipts[0].denied_capabilities, ["fs.read:/data/x"]);

  const bad = await sendJson(rt.app, "PATCH", `/v1/contexts/${context.id}`, {
    status: "stopped",
    capability_policy: { version: 2 },
  }, rt.auth);
  assert.equal(bad.status, 400);
  assertIncludes((await bad.json()).error, "capability_policy: invalid policy: ");
  const after = (await getJson(rt, `/v1/contexts/${context.id}`)).body;
  assert.equal(after.context.status, "running", "a refused PATCH changes nothing");

  const removed = await sendJson(rt.app, "PATCH", `/v1/contexts/${context.id}`, {
    capability_policy: null,
  }, rt.auth);
  assert.equal((await removed.json()).capability_policy, null);
  const audit = await getJson(
    rt,
    "/v1/audit",
    bearer(await createToken(rt.app, rt.user, ["audit:read"])),
  );
  const changes = audit.body.events.filter((e: { action: string }) =>
    e.action === "context.policy"
  );
  assert.equal(changes.length, 2, "each change is audited");
});

Deno.test("receipts page newest first with cursors, and a cursor of another context is refused", async () => {
  const rt = await setUp();
  await using _ = rt.app;
  const context = await newContext(rt);
  const other = await newContext(rt);
  const artifact = `sha256:${"4".repeat(64)}`;
  for (let n = 1; n <= 5; n++) await post(rt, context.id, await receipt(artifact, n));
  await post(rt, other.id, await receipt(artifact, 9));
  const first = (await getJson(rt, `/v1/contexts/${context.id}/receipts?limit=2`)).body;
  assert.deepEqual(
    first.receipts.map((r: { receipt: { timestamp: number } }) => r.receipt.timestamp),
    [5, 4],
  );
  const second = (await getJson(
    rt,
    `/v1/contexts/${context.id}/receipts?limit=2&before_id=${first.next_before_id}`,
  )).body;
  assert.deepEqual(
    second.receipts.map((r: { receipt: { timestamp: number } }) => r.receipt.timestamp),
    [3, 2],
  );
  const third = (await getJson(
    rt,
    `/v1/contexts/${context.id}/receipts?limit=2&before_id=${second.next_before_id}`,
  )).body;
  assert.equal(third.receipts.length, 1);
  assert.equal(third.next_before_id, null);

  const foreign = (await getJson(rt, `/v1/contexts/${other.id}/receipts`)).body.receipts[0].id;
  const tampered = await getJson(rt, `/v1/contexts/${context.id}/receipts?before_id=${foreign}`);
  assert.equal(tampered.status, 400);
  assertIncludes(tampered.body.error, "is not a receipt of this context");
  for (const limit of ["-1", "abc", "1e9", "0"]) {
    const res = await getJson(rt, `/v1/contexts/${context.id}/receipts?limit=${limit}`);
    assert.equal(res.status, 400, limit);
    assertIncludes(res.body.error, "must be a whole number from 1 to 200");
  }
});
