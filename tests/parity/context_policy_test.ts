import { assert } from "../helpers/assert.ts";
import { asBrowser, type TestUser } from "../helpers/accounts.ts";
import type { TestApp } from "../helpers/app.ts";
import { contextPolicy } from "@/lib/contexts/policy.ts";
import { assertParity, type Vars } from "./harness.ts";

const YAML = "version: 1\ntrusted_signers: [ci]\ncapability_ceiling:\n  env: [HOME]\n";

async function registered(app: TestApp, user: TestUser): Promise<Vars> {
  const res = await app.request("/v1/contexts", {
    method: "POST",
    headers: asBrowser(app, user.cookie),
    body: JSON.stringify({ status: "running", region: "eu" }),
  });
  assert.equal(res.status, 201);
  return { id: (await res.json()).context.id };
}

async function policyOf(app: TestApp, user: TestUser) {
  const res = await app.request("/v1/contexts", { headers: { cookie: user.cookie } });
  const [context] = (await res.json()).contexts;
  return await contextPolicy(app.services.db, context.id);
}

const doors = (policy: string) => ({
  form: (v: Vars) => ({
    method: "POST",
    path: `/contexts/${v.id}/runs`,
    form: { action: "save", policy },
  }),
  api: (v: Vars) => ({
    method: "PATCH",
    path: `/v1/contexts/${v.id}`,
    json: { capability_policy: policy },
  }),
});

Deno.test("setting a context's capability policy: the Runs form and the API set it the same way", async () => {
  const outcome = await assertParity({
    name: "context policy",
    setup: registered,
    ...doors(YAML),
    effect: policyOf,
  });
  assert.deepEqual([outcome.status, outcome.audit], ["success", "context.policy"]);
  assert.deepEqual(outcome.effect, {
    version: 1,
    trusted_signers: ["ci"],
    capability_ceiling: { env: ["HOME"] },
  });
});

Deno.test("a policy that is not valid is refused at both doors with one message", async () => {
  const outcome = await assertParity({
    name: "context policy invalid",
    setup: registered,
    ...doors("version: 2\n"),
    effect: policyOf,
  });
  assert.equal(outcome.status, "400");
  assert.match(outcome.message ?? "", /^capability_policy: invalid policy: /);
});
