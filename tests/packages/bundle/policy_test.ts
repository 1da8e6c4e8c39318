import { assert, assertIncludes } from "../../helpers/assert.ts";
import {
  checkCapabilityCeiling,
  isAllowed,
  parsePolicy,
  policySchema,
} from "@/lib/packages/bundle/policy.ts";
import { expectBundleError, SPEC_DIR } from "./helpers.ts";

const VECTORS = new URL("test-vectors/capability-eval/", SPEC_DIR);

interface EvalVector {
  name: string;
  policy: unknown;
  cases: Array<
    { capability: { kind: string; value: string }; expect: "allow" | "deny"; note?: string }
  >;
}

Deno.test("every capability-eval vector of the spec is allowed or denied as it expects", async () => {
  let count = 0;
  for await (const entry of Deno.readDir(VECTORS)) {
    if (!entry.name.endsWith(".json") || entry.name === "schema.json") continue;
    const vector: EvalVector = JSON.parse(await Deno.readTextFile(new URL(entry.name, VECTORS)));
    const policy = parsePolicy(vector.policy);
    for (const { capability, expect, note } of vector.cases) {
      const where = `${vector.name}: ${capability.kind} ${capability.value} (${note ?? ""})`;
      const verdict = isAllowed(capability, policy.capability_ceiling) ? "allow" : "deny";
      assert.equal(verdict, expect, where);
      count++;
    }
  }
  assert.ok(count >= 20, `found only ${count} capability cases`);
});

Deno.test("kv, queue, random and time capabilities need the ceiling to name them", async () => {
  const policy = parsePolicy({
    version: 1,
    trusted_signers: ["alice.dev"],
    capability_ceiling: {
      kv: { read: ["*"] },
      queue: { publish: ["jobs"] },
      random: true,
      time: false,
    },
  });
  checkCapabilityCeiling([{ kind: "kv.read", value: "sessions" }, {
    kind: "queue.publish",
    value: "jobs",
  }, { kind: "random.bytes", value: "bounded" }], policy);
  for (
    const capability of [{ kind: "kv.write", value: "x" }, {
      kind: "queue.publish",
      value: "other",
    }, { kind: "time.now", value: "utc" }]
  ) {
    await expectBundleError(
      () => checkCapabilityCeiling([capability], policy),
      "capability_ceiling_exceeded",
    );
  }
});

Deno.test("a policy is parsed strictly against the spec's policy schema", async () => {
  const spec = JSON.parse(
    await Deno.readTextFile(new URL("spec/policy/policy.schema.json", SPEC_DIR)),
  );
  assert.deepEqual(Object.keys(policySchema.shape).sort(), Object.keys(spec.properties).sort());
  assert.deepEqual(
    Object.keys(policySchema.shape.capability_ceiling.shape).sort(),
    Object.keys(spec.properties.capability_ceiling.properties).sort(),
  );
  const base = { version: 1, trusted_signers: ["alice.dev"], capability_ceiling: {} };
  const relative = await expectBundleError(
    () => parsePolicy({ ...base, capability_ceiling: { fs: { read: ["data"] } } }),
    "policy_invalid",
  );
  assert.equal(
    relative.message,
    'policy: capability_ceiling.fs.read[0] must be an absolute path; found "data"',
  );
  assertIncludes(
    (await expectBundleError(() => parsePolicy({ ...base, install_limits: {} }), "policy_invalid"))
      .message,
    'unknown key "install_limits"',
  );
  assertIncludes(
    (await expectBundleError(() => parsePolicy({ ...base, version: 2 }), "policy_invalid")).message,
    "version must be 1; found number 2",
  );
  assertIncludes(
    (await expectBundleError(
      () => parsePolicy({ ...base, trusted_signers: ["a", "a"] }),
      "policy_invalid",
    )).message,
    "a list without repeated entries",
  );
  await expectBundleError(
    () => parsePolicy({ ...base, capability_ceiling: { env: ["home"] } }),
    "policy_invalid",
  );
});
