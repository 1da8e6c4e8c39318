// Named contexts: a name, key=value labels and the runtime, at registration and by PATCH
// (API) or the context page's form; shown and filterable in the list; audited.
import { desc, eq } from "drizzle-orm";
import { assert, assertIncludes } from "../helpers/assert.ts";
import { asBrowser } from "../helpers/accounts.ts";
import { auditEvents } from "@/lib/db/schema.ts";
import { getJson, newContext, type Runtime, sendJson, setUp } from "./fixtures.ts";

const DETAILS = {
  name: "checkout-eu",
  labels: { team: "core", env: "prod" },
  runtime_name: "inactu-runtime",
  runtime_version: "0.9.2",
  host: "web-1.eu-west",
};

async function lastAudit(rt: Runtime) {
  const [row] = await rt.app.services.db.select().from(auditEvents)
    .where(eq(auditEvents.ownerId, rt.user.ownerId)).orderBy(desc(auditEvents.id)).limit(1);
  return row!;
}

Deno.test("a context registered with a name, labels and runtime shows them in the API, audited", async () => {
  const rt = await setUp();
  await using _ = rt.app;
  const context = await newContext(rt, { status: "running", region: "eu-west", ...DETAILS });
  assert.equal(context.name, "checkout-eu");
  // Labels come back sorted by key.
  assert.deepEqual(Object.entries(context.labels), [["env", "prod"], ["team", "core"]]);
  assert.equal(context.runtime_name, "inactu-runtime");
  assert.equal(context.runtime_version, "0.9.2");
  assert.equal(context.host, "web-1.eu-west");
  const audit = await lastAudit(rt);
  assert.equal(audit.action, "context.create");
  assert.deepEqual(audit.metadata, {
    status: "running",
    region: "eu-west",
    name: "checkout-eu",
    labels: { env: "prod", team: "core" },
    runtime_name: "inactu-runtime",
    runtime_version: "0.9.2",
    host: "web-1.eu-west",
  });
  const plain = await newContext(rt);
  assert.equal(plain.name, null);
  assert.deepEqual(plain.labels, {});
});

Deno.test("PATCH changes only the details it names, null clears one, and a real change is audited", async () => {
  const rt = await setUp();
  await using _ = rt.app;
  const context = await newContext(rt, { status: "running", region: "eu-west", ...DETAILS });
  const patch = (body: unknown) =>
    sendJson(rt.app, "PATCH", `/v1/contexts/${context.id}`, body, rt.auth);
  const res = await patch({ name: "checkout-eu-2", host: null, labels: { env: "staging" } });
  assert.equal(res.status, 200);
  const { context: changed } = await res.json();
  assert.equal(changed.name, "checkout-eu-2");
  assert.equal(changed.host, null);
  assert.deepEqual(changed.labels, { env: "staging" });
  assert.equal(changed.runtime_name, "inactu-runtime");
  assert.equal(changed.status, "running");
  const audit = await lastAudit(rt);
  assert.equal(audit.action, "context.update");
  assert.deepEqual(audit.metadata, {
    changed: ["name", "labels", "host"],
    name: "checkout-eu-2",
    labels: { env: "staging" },
  });
  // The same again changes nothing and records nothing.
  assert.equal((await patch({ name: "checkout-eu-2" })).status, 200);
  assert.equal((await lastAudit(rt)).id, audit.id);
  // Status and details together.
  const both = await (await patch({ status: "stopped", labels: null })).json();
  assert.equal(both.context.status, "stopped");
  assert.deepEqual(both.context.labels, {});
});

Deno.test("bad names, labels and runtime details are refused with 400 saying what is allowed", async () => {
  const rt = await setUp();
  await using _ = rt.app;
  const context = await newContext(rt);
  const labels17 = Object.fromEntries(Array.from({ length: 17 }, (_, i) => [`k${i}`, "v"]));
  const cases: [unknown, string][] = [
    [{ name: "x".repeat(129) }, "name: must be at most 128 characters"],
    [{ name: "a\u0007b" }, "name: must not contain control characters"],
    [{ name: 7 }, "name: must be a string or null"],
    [{ labels: labels17 }, "labels: must be at most 16 labels; there are 17"],
    [
      { labels: { "Env!": "prod" } },
      'labels: key "Env!" must be 1 to 63 letters, digits, ".", "_", "-" or "/", starting and ending with a letter or digit',
    ],
    [{ labels: { ["k".repeat(64)]: "v" } }, "must be 1 to 63 letters"],
    [
      { labels: { env: "pro d" } },
      "labels: the value of env must be 1 to 128 letters, digits or any of . _ - : / @ +",
    ],
    [{ labels: { env: 1 } }, "labels: the value of env must be a string"],
    [{ labels: ["env=prod"] }, "labels: must be an object of key: value strings"],
    [{ runtime_version: "v".repeat(65) }, "runtime_version: must be at most 64 characters"],
    [{ owner_id: "x" }, "unknown field owner_id"],
    [{}, "status must be one of: starting, running, stopped, failed"],
  ];
  for (const [body, message] of cases) {
    const res = await sendJson(rt.app, "PATCH", `/v1/contexts/${context.id}`, body, rt.auth);
    assert.equal(res.status, 400, JSON.stringify(body));
    assertIncludes((await res.json()).error, message);
  }
  const create = await sendJson(rt.app, "POST", "/v1/contexts", {
    status: "running",
    region: "x",
    labels: { env: "" },
  }, rt.auth);
  assert.equal(create.status, 400);
  assertIncludes((await create.json()).error, "labels: the value of env must be 1 to 128");
  assert.equal((await getJson(rt, "/v1/contexts")).body.contexts.length, 1);
});

Deno.test("the list filters by part of a name and by labels, in the API and on the page", async () => {
  const rt = await setUp();
  await using _ = rt.app;
  const eu = await newContext(rt, { status: "running", region: "eu", ...DETAILS });
  rt.app.clock.advance(1000);
  const us = await newContext(rt, {
    status: "running",
    region: "us",
    name: "checkout-us",
    labels: { env: "staging", team: "core" },
  });
  const off = await newContext(rt, { status: "running", region: "x", name: "50%_off" });
  const ids = async (query: string) =>
    (await getJson(rt, `/v1/contexts?${query}`)).body.contexts.map((c: { id: string }) => c.id);
  assert.deepEqual(await ids("label=env=prod"), [eu.id]);
  assert.deepEqual(await ids("label=team=core"), [us.id, eu.id]);
  assert.deepEqual(await ids("label=team=core,env=staging"), [us.id]);
  assert.deepEqual(await ids("label=env"), [us.id, eu.id]);
  assert.deepEqual(await ids("name=CHECKOUT&label=env=prod"), [eu.id]);
  assert.deepEqual(await ids("name=checkout"), [us.id, eu.id]);
  // LIKE wildcards are literal text.
  assert.deepEqual(await ids("name=%25"), [off.id]);
  assert.deepEqual(await ids("name=_"), [off.id]);
  const bad = await getJson(rt, "/v1/contexts?label=Env!=x");
  assert.equal(bad.status, 400);
  assertIncludes(bad.body.error, 'query parameter label: key "Env!" must be');

  const page = await rt.app.request("/contexts?label=env%3Dprod", {
    headers: { cookie: rt.user.cookie },
  });
  const text = await page.text();
  assertIncludes(text, "checkout-eu");
  assert.ok(!text.includes("checkout-us"));
  assertIncludes(text, 'value="env=prod"');
  assertIncludes(text, "team=core");
});

Deno.test("the context page's form changes the details and shows a bad label beside its field", async () => {
  const rt = await setUp();
  await using _ = rt.app;
  const context = await newContext(rt);
  const post = (form: Record<string, string>) =>
    rt.app.request(`/contexts/${context.id}`, {
      method: "POST",
      headers: asBrowser(rt.app, rt.user.cookie, false),
      body: new URLSearchParams(form),
    });
  const form = {
    name: "checkout-eu",
    labels: "env=prod, team=core",
    runtime_name: "inactu-runtime",
    runtime_version: "0.9.2",
    host: "web-1",
  };
  const saved = await post(form);
  assert.equal(saved.status, 303);
  assert.equal(saved.headers.get("location"), `/contexts/${context.id}`);
  const shown = await (await rt.app.request(`/contexts/${context.id}`, {
    headers: { cookie: rt.user.cookie },
  })).text();
  assertIncludes(shown, "checkout-eu");
  assertIncludes(shown, "env=prod");
  assertIncludes(shown, "inactu-runtime 0.9.2");
  assertIncludes(shown, "web-1");

  const refused = await post({ ...form, labels: "env=prod, oops" });
  assert.equal(refused.status, 400);
  const text = await refused.text();
  assertIncludes(text, 'id="field-labels-error"');
  assertIncludes(text, "&quot;oops&quot; is not key=value, such as env=prod");
  assertIncludes(text, 'value="env=prod, oops"');
  const { body } = await getJson(rt, `/v1/contexts/${context.id}`);
  assert.deepEqual(body.context.labels, { env: "prod", team: "core" });
});
