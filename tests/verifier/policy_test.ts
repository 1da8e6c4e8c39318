// Capability policies on POST /v1/verify/manifest: every case of the spec's capability-eval
// vectors, and every policy vector (YAML), through the route; ajv on the spec's schemas as a
// second opinion on which policies are valid.
import { parse as parseYaml } from "yaml";
import { assert, assertIncludes } from "../helpers/assert.ts";
import { createTestApp, type TestApp } from "../helpers/app.ts";
import { postJson } from "../helpers/accounts.ts";
import { isAllowed, parsePolicy } from "@/lib/verifier/policy.ts";
import { specSchema, vectors } from "./spec.ts";

const manifestOf = (capabilities: Array<{ kind: string; value: string }>) => ({
  name: "echo.minimal",
  version: "0.1.0",
  entrypoint: "run",
  artifact: `sha256:${"a".repeat(64)}`,
  capabilities,
  signers: ["alice.dev"],
});

async function check(app: TestApp, body: unknown) {
  const res = await postJson(app, "/v1/verify/manifest", body);
  return { status: res.status, body: await res.json() };
}

interface EvalVector {
  name: string;
  policy: unknown;
  cases: Array<{ capability: { kind: string; value: string }; expect: "allow" | "deny" }>;
}

Deno.test("every capability-eval case is allowed or denied by verify/manifest as the spec expects", async () => {
  await using app = await createTestApp();
  const vectorSchema = await specSchema("../test-vectors/capability-eval/schema.json");
  const policySchema = await specSchema("policy/policy.schema.json");
  let count = 0;
  for (const { file, text } of await vectors("capability-eval")) {
    if (file.endsWith("/schema.json")) continue;
    const vector: EvalVector = JSON.parse(text);
    assert.ok(vectorSchema(vector) && policySchema(vector.policy), file);
    for (const { capability, expect } of vector.cases) {
      const where = `${file}: ${capability.kind} ${capability.value}`;
      const { status, body } = await check(app, {
        manifest: manifestOf([capability]),
        policy: vector.policy,
      });
      if (expect === "allow") {
        assert.equal(status, 200, `${where}: ${JSON.stringify(body)}`);
        assert.equal(body.capability_ceiling_ok, true, where);
      } else {
        assert.equal(status, 400, where);
        assertIncludes(body.error, "capability check failed: capability denied: capabilities[0]");
      }
      count++;
    }
  }
  assert.ok(count >= 20, `only ${count} cases`);
});

Deno.test("every valid policy vector is accepted as YAML text and as JSON, and every invalid one is refused", async () => {
  await using app = await createTestApp();
  const policySchema = await specSchema("policy/policy.schema.json");
  const manifest = manifestOf([{ kind: "fs.read", value: "/data/report.txt" }]);
  for (const { file, text } of await vectors("policy/valid", ".yaml")) {
    assert.ok(policySchema(parseYaml(text)), file);
    for (const policy of [text, parseYaml(text)]) {
      const { status, body } = await check(app, { manifest, policy });
      assert.equal(status, 200, `${file}: ${JSON.stringify(body)}`);
      assert.equal(body.capability_ceiling_ok, true);
    }
  }
  const expected: Record<string, string> = {
    "policy/invalid/relative_fs_path.yaml":
      "invalid policy: capability_ceiling.fs.read.0: must be an absolute path, such as /data",
    "policy/invalid/unknown_top_level.yaml": "invalid policy: unknown field install_limits",
  };
  const invalid = await vectors("policy/invalid", ".yaml");
  assert.deepEqual(invalid.map((v) => v.file), Object.keys(expected));
  for (const { file, text } of invalid) {
    assert.equal(policySchema(parseYaml(text)), false, `${file} should break the schema`);
    for (const policy of [text, parseYaml(text)]) {
      const { status, body } = await check(app, { manifest, policy });
      assert.equal(status, 400, file);
      assert.equal(body.error, expected[file]);
    }
  }
});

Deno.test("without a policy, or with null, capability_ceiling_ok is false; a bad manifest is reported before the policy", async () => {
  await using app = await createTestApp();
  const manifest = manifestOf([{ kind: "env", value: "HOME" }]);
  for (const body of [{ manifest }, { manifest, policy: null }]) {
    const res = await check(app, body);
    assert.equal(res.status, 200);
    assert.equal(res.body.capability_ceiling_ok, false);
  }
  const both = await check(app, { manifest: { ...manifest, extra: 1 }, policy: { version: 2 } });
  assert.equal(both.status, 400);
  assertIncludes(both.body.error, "invalid manifest: ");
});

Deno.test("a policy follows the reference verifier where the schema says less", async () => {
  await using app = await createTestApp();
  const base = { version: 1, trusted_signers: ["alice.dev"], capability_ceiling: {} };
  const cases: Array<[unknown, string]> = [
    [{ ...base, trusted_signers: [] }, "trusted_signers: must name at least one signer"],
    [{ ...base, trusted_signers: ["a", "a"] }, "trusted_signers: must not list an entry twice"],
    [{ ...base, version: 2 }, "version: must be 1"],
    [
      { ...base, capability_ceiling: { net: ["https://api.example.com/v1?x=1"] } },
      "net.0: must be an absolute URL",
    ],
    [
      { ...base, capability_ceiling: { net: ["data:text/plain,x"] } },
      "net.0: must be an absolute URL",
    ],
    [
      { ...base, capability_ceiling: { env: ["home"] } },
      "env.0: must be an environment variable name",
    ],
    ["version: [1", "invalid policy: the policy text is not valid YAML"],
    ["a: &a [1]\nb: *a\nb: 2", "invalid policy: the policy text is not valid YAML"],
  ];
  for (const [policy, message] of cases) {
    const { status, body } = await check(app, { manifest: manifestOf([]), policy });
    assert.equal(status, 400, message);
    assertIncludes(body.error, message);
  }
});

Deno.test("exec, time and random capabilities need their exact kind and the ceiling's switch", () => {
  const { capability_ceiling: on } = parsePolicy({
    version: 1,
    trusted_signers: ["alice.dev"],
    capability_ceiling: { exec: true, time: true, random: true, kv: { read: ["*"] } },
  });
  const allowed = (kind: string, value: string) => isAllowed({ kind, value }, on);
  assert.equal(allowed("exec", "true"), true);
  assert.equal(allowed("exec", "false"), false);
  assert.equal(allowed("exec.safe", "ls"), true);
  assert.equal(allowed("exec.anything", "x"), false);
  assert.equal(allowed("time.now", "utc"), true);
  assert.equal(allowed("time.later", "utc"), false);
  assert.equal(allowed("random.bytes", ""), false);
  assert.equal(allowed("kv.read", "sessions"), true);
  assert.equal(allowed("kv.write", "sessions"), false);
  const net = parsePolicy({
    version: 1,
    trusted_signers: ["alice.dev"],
    capability_ceiling: { net: ["https://api.example.test/v1"], fs: { read: ["/tmp/"] } },
  }).capability_ceiling;
  assert.equal(isAllowed({ kind: "net.http", value: "https://api.example.test/v1#x" }, net), false);
  assert.equal(isAllowed({ kind: "net.http", value: "https://u@api.example.test/v1" }, net), false);
  assert.equal(isAllowed({ kind: "net.http", value: "http://api.example.test/v1" }, net), false);
  assert.equal(
    isAllowed({ kind: "net.http", value: "https://API.example.test/v1/a?q=1" }, net),
    true,
  );
  assert.equal(isAllowed({ kind: "fs.read", value: "/tmp//a.txt" }, net), true);
  assert.equal(isAllowed({ kind: "fs.read", value: "/tmp" }, net), true);
});
