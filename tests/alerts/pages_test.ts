import { assert } from "../helpers/assert.ts";
import { asBrowser, createUser } from "../helpers/accounts.ts";
import { newContext, type Runtime, sendLines, setUp } from "../contexts/fixtures.ts";
import { createAlertApi } from "./fixtures.ts";

function page(rt: Runtime, path: string) {
  return rt.app.request(path, { headers: { cookie: rt.user.cookie } });
}

function postForm(rt: Runtime, path: string, form: Record<string, string>) {
  return rt.app.request(path, {
    method: "POST",
    headers: asBrowser(rt.app, rt.user.cookie, false),
    body: new URLSearchParams(form),
  });
}

Deno.test("the logs page lists lines of every context, escaped, each linking to the line in its context", async () => {
  const rt = await setUp();
  await using _ = rt.app;
  const a = await newContext(rt);
  const b = await newContext(rt);
  const { last: lineA } = await sendLines(rt, a.id, [{
    severity: "error",
    message: "<script>x</script>",
  }]);
  const { last: lineB } = await sendLines(rt, b.id, [{ severity: "info", message: "from b" }]);
  const res = await page(rt, "/logs");
  assert.equal(res.status, 200);
  const html = await res.text();
  assert.ok(html.includes('href="/logs" aria-current="page"') || html.includes(">Logs<"));
  assert.ok(html.includes(`href="/contexts/${a.id}?line=${lineA}#L${lineA}"`));
  assert.ok(html.includes(`href="/contexts/${b.id}?line=${lineB}#L${lineB}"`));
  assert.ok(html.includes("&lt;script>x&lt;/script>"));
  assert.ok(!html.includes("<script>x</script>"));
  assert.ok(html.indexOf("from b") < html.indexOf("&lt;script>"), "newest first");

  const errors = await (await page(rt, "/logs?min_severity=error")).text();
  assert.ok(!errors.includes("from b"));
  const bad = await page(rt, "/logs?limit=abc");
  assert.equal(bad.status, 400);
  assert.match(
    await bad.text(),
    /These filters do not work: query parameter limit: must be a whole number/,
  );
});

Deno.test("an alert created on its form shows its webhook secret once, then is listed, changed and deleted", async () => {
  const rt = await setUp();
  await using _ = rt.app;
  const created = await postForm(rt, "/logs/alerts/new", {
    action: "save",
    name: "Checkout errors",
    query: "checkout",
    min_severity: "error",
    threshold: "3",
    window_minutes: "5",
    context_id: "",
    notify_email: "on",
    webhook_url: "https://example.com/hook",
  });
  assert.equal(created.status, 201);
  assert.equal(created.headers.get("cache-control"), "no-store");
  const html = await created.text();
  const secret = /whsec_[0-9a-f]{64}/.exec(html)?.[0];
  assert.ok(secret, "the secret is shown");
  const id = /href="\/logs\/alerts\/([0-9a-f-]{36})"/.exec(html)?.[1];
  assert.ok(id);

  const list = await (await page(rt, "/logs/alerts")).text();
  assert.ok(list.includes("Checkout errors"));
  assert.ok(list.includes("More than 3 error lines containing &quot;checkout&quot; within 5 min"));
  const detail = await (await page(rt, `/logs/alerts/${id}`)).text();
  assert.ok(!detail.includes(secret), "never shown again");
  assert.ok(detail.includes("No notifications yet"));

  const refused = await postForm(rt, `/logs/alerts/${id}`, {
    action: "save",
    name: "Checkout errors",
    min_severity: "error",
    threshold: "-2",
    window_minutes: "5",
    notify_email: "on",
  });
  assert.equal(refused.status, 400);
  assert.ok((await refused.text()).includes('id="field-threshold-error"'));

  const saved = await postForm(rt, `/logs/alerts/${id}`, {
    action: "save",
    name: "Checkout errors",
    min_severity: "warn",
    threshold: "7",
    window_minutes: "10",
    notify_email: "on",
  });
  assert.equal(saved.status, 303);
  assert.equal(saved.headers.get("location"), `/logs/alerts/${id}?notice=saved`);
  const after = await (await page(rt, `/logs/alerts/${id}?notice=saved`)).text();
  assert.ok(after.includes("More than 7 warn-or-worse lines within 10 min"));

  const deleted = await postForm(rt, `/logs/alerts/${id}`, { action: "delete" });
  assert.equal(deleted.status, 303);
  assert.equal((await page(rt, `/logs/alerts/${id}`)).status, 404);
});

Deno.test("another user's alert page is 404, and their form cannot change it", async () => {
  const rt = await setUp();
  await using _ = rt.app;
  const alert = await createAlertApi(rt, {});
  const mallory = await createUser(rt.app);
  const res = await rt.app.request(`/logs/alerts/${alert.id}`, {
    headers: { cookie: mallory.cookie },
  });
  assert.equal(res.status, 404);
  const post = await rt.app.request(`/logs/alerts/${alert.id}`, {
    method: "POST",
    headers: asBrowser(rt.app, mallory.cookie, false),
    body: new URLSearchParams({ action: "delete" }),
  });
  assert.equal(post.status, 404);
  assert.equal((await page(rt, `/logs/alerts/${alert.id}`)).status, 200);
});
