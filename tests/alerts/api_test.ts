import { assert } from "../helpers/assert.ts";
import { createToken, createUser } from "../helpers/accounts.ts";
import { bearer, getJson, newContext, sendJson, setUp } from "../contexts/fixtures.ts";
import { listAuditEvents } from "@/lib/audit/audit.ts";
import { createAlertApi } from "./fixtures.ts";

Deno.test("an alert is created, read, changed and deleted through the API; its secret is shown only at creation", async () => {
  const rt = await setUp();
  await using _ = rt.app;
  const context = await newContext(rt);
  const created = await createAlertApi(rt, {
    context_id: context.id,
    webhook_url: "https://example.com/hook",
  });
  assert.match(created.webhook_secret, /^whsec_[0-9a-f]{64}$/);
  assert.equal(created.state, "ok");
  assert.equal(created.context_id, context.id);
  assert.equal(created.notify_email, true);

  const one = await getJson(rt, `/v1/alerts/${created.id}`);
  assert.equal(one.status, 200);
  assert.equal(one.body.alert.name, "Checkout errors");
  assert.ok(!("webhook_secret" in one.body.alert));
  const list = await getJson(rt, "/v1/alerts");
  assert.deepEqual(list.body.alerts.map((a: { id: string }) => a.id), [created.id]);
  assert.ok(!JSON.stringify(list.body).includes(created.webhook_secret));

  const patched = await sendJson(rt.app, "PATCH", `/v1/alerts/${created.id}`, {
    threshold: 20,
    query: null,
  }, rt.auth);
  assert.equal(patched.status, 200);
  const { alert } = await patched.json();
  assert.equal(alert.threshold, 20);
  assert.equal(alert.query, null);
  assert.equal(alert.window_minutes, 5);

  const deleted = await rt.app.request(`/v1/alerts/${created.id}`, {
    method: "DELETE",
    headers: rt.auth,
  });
  assert.equal(deleted.status, 204);
  assert.equal((await getJson(rt, `/v1/alerts/${created.id}`)).status, 404);

  const events = await listAuditEvents(rt.app.services.db, rt.user.ownerId, { limit: 10 });
  assert.deepEqual(
    events.events.filter((e) => e.action.startsWith("alert.")).map((e) => e.action),
    ["alert.delete", "alert.update", "alert.create"],
  );
  assert.ok(!JSON.stringify(events).includes(created.webhook_secret), "no secret in the audit log");
});

Deno.test("another user's alert reads like a missing one, and cannot be changed or deleted", async () => {
  const rt = await setUp();
  await using _ = rt.app;
  const created = await createAlertApi(rt, {});
  const other = await createUser(rt.app);
  const auth = bearer(await createToken(rt.app, other, ["contexts:read", "contexts:write"]));
  const read = await getJson(rt, `/v1/alerts/${created.id}`, auth);
  assert.deepEqual([read.status, read.body.error], [404, "alert not found"]);
  const missing = await getJson(rt, `/v1/alerts/${crypto.randomUUID()}`, auth);
  assert.deepEqual(missing.body, read.body);
  const patch = await sendJson(rt.app, "PATCH", `/v1/alerts/${created.id}`, { threshold: 1 }, auth);
  assert.equal(patch.status, 404);
  const del = await rt.app.request(`/v1/alerts/${created.id}`, { method: "DELETE", headers: auth });
  assert.equal(del.status, 404);
  const deliveries = await getJson(rt, `/v1/alerts/${created.id}/deliveries`, auth);
  assert.equal(deliveries.status, 404);
  assert.deepEqual((await getJson(rt, "/v1/alerts", auth)).body, { alerts: [] });
  assert.equal((await getJson(rt, `/v1/alerts/${created.id}`)).body.alert.threshold, 2);
});

Deno.test("bad alert settings are refused with what is allowed", async () => {
  const rt = await setUp();
  await using _ = rt.app;
  const cases: [Record<string, unknown>, RegExp][] = [
    [{ threshold: -1 }, /^threshold: must be a whole number from 0 to 999$/],
    [{ threshold: "abc" }, /^threshold: must be a whole number from 0 to 999$/],
    [{ window_minutes: 0 }, /^window_minutes: must be a whole number from 1 to 1440$/],
    [{ min_severity: "fatal" }, /^min_severity: must be one of: debug, info, warn, error$/],
    [{ webhook_url: "ftp://example.com/x" }, /^webhook_url: must be an http\(s\) URL/],
    [{ webhook_url: "https://u:p@example.com/x" }, /must not hold a user name or password/],
    [{ name: "" }, /^name: is required$/],
    [{ owner_id: "x" }, /^unknown field owner_id$/],
    [{ context_id: crypto.randomUUID() }, /^context_id: none of your contexts has this id$/],
    [{ notify_email: false }, /^choose where to notify: email, a webhook URL, or both$/],
  ];
  for (const [body, message] of cases) {
    const res = await sendJson(rt.app, "POST", "/v1/alerts", {
      name: "x",
      threshold: 1,
      window_minutes: 5,
      ...body,
    }, rt.auth);
    const answer = await res.json();
    assert.equal(res.status, 400, JSON.stringify(body));
    assert.match(answer.error, message);
  }
  assert.deepEqual((await getJson(rt, "/v1/alerts")).body, { alerts: [] });
});

Deno.test("in production a webhook must be https and must not point at a private address", async () => {
  const rt = await setUp({
    APP_ENV: "production",
    PUBLIC_ORIGIN: "https://control.example.com",
    SMTP_URL: "smtp://127.0.0.1:1",
  });
  await using _ = rt.app;
  const refused: [string, string][] = [
    ["http://example.com/hook", "webhook_url: must be an https URL"],
    ["https://127.0.0.1/hook", "webhook_url: must not point at this server or a private network"],
    ["https://localhost/hook", "webhook_url: must not point at this server or a private network"],
    ["https://[::1]/hook", "webhook_url: must not point at this server or a private network"],
    ["https://10.1.2.3/hook", "webhook_url: must not point at this server or a private network"],
  ];
  for (const [url, message] of refused) {
    const res = await sendJson(rt.app, "POST", "/v1/alerts", {
      name: "x",
      threshold: 1,
      window_minutes: 5,
      webhook_url: url,
    }, rt.auth);
    assert.equal(res.status, 400, url);
    assert.equal((await res.json()).error, message);
  }
});
