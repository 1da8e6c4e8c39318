// Parity of a context's details: the context page's form against PATCH /v1/contexts/{id}.
import { eq } from "drizzle-orm";
import { assert } from "../helpers/assert.ts";
import { asBrowser, type TestUser } from "../helpers/accounts.ts";
import type { TestApp } from "../helpers/app.ts";
import { contexts } from "@/lib/db/schema.ts";
import { assertParity, type Door, type ParityCase } from "./harness.ts";

async function registered(app: TestApp, user: TestUser) {
  const res = await app.request("/v1/contexts", {
    method: "POST",
    headers: asBrowser(app, user.cookie),
    body: JSON.stringify({ status: "running", region: "eu-west", name: "before" }),
  });
  assert.equal(res.status, 201);
  return { id: (await res.json()).context.id as string };
}

async function details(app: TestApp, user: TestUser) {
  const [row] = await app.services.db.select({
    name: contexts.name,
    labels: contexts.labels,
    runtimeName: contexts.runtimeName,
    runtimeVersion: contexts.runtimeVersion,
    host: contexts.host,
  }).from(contexts).where(eq(contexts.ownerId, user.ownerId));
  return row;
}

const FORM = {
  name: "checkout-eu",
  labels: "env=prod, team=core",
  runtime_name: "inactu-runtime",
  runtime_version: "0.9.2",
  host: "web-1",
};
const JSON_BODY = { ...FORM, labels: { env: "prod", team: "core" } };

function doors(form: Record<string, string>, json: unknown): Pick<ParityCase, "form" | "api"> {
  return {
    form: (v): Door => ({ method: "POST", path: `/contexts/${v.id}`, form }),
    api: (v): Door => ({ method: "PATCH", path: `/v1/contexts/${v.id}`, json }),
  };
}

const CASES: [string, Record<string, string>, unknown][] = [
  ["setting the name, labels and runtime", FORM, JSON_BODY],
  ["clearing every detail", {
    name: "",
    labels: "",
    runtime_name: "",
    runtime_version: "",
    host: "",
  }, { name: null, labels: null, runtime_name: null, runtime_version: null, host: null }],
  ["a label key that breaks the rule", { ...FORM, labels: "Env!=prod" }, {
    ...JSON_BODY,
    labels: { "Env!": "prod" },
  }],
  ["too many labels", {
    ...FORM,
    labels: Array.from({ length: 17 }, (_, i) => `k${i}=v`).join(", "),
  }, {
    ...JSON_BODY,
    labels: Object.fromEntries(Array.from({ length: 17 }, (_, i) => [`k${i}`, "v"])),
  }],
  ["a name that is too long", { ...FORM, name: "n".repeat(129) }, {
    ...JSON_BODY,
    name: "n".repeat(129),
  }],
];

for (const [name, form, json] of CASES) {
  Deno.test(`context details: ${name} ends the same through the form and the API`, async () => {
    await assertParity({
      name,
      setup: registered,
      ...doors(form, json),
      effect: details,
    });
  });
}
