import { assert } from "../helpers/assert.ts";
import { newContext, setUp } from "../contexts/fixtures.ts";
import { runAlerts } from "@/lib/alerts/schedule.ts";
import { sendDueDeliveries } from "@/lib/alerts/deliver.ts";
import { evaluateAlert } from "@/lib/alerts/evaluate.ts";
import { findAlert } from "@/lib/alerts/alerts.ts";
import { SmtpMailer } from "@/lib/mail/smtp_mailer.ts";
import { MINUTE } from "@/lib/time.ts";
import { startSmtpServer } from "../helpers/smtp.ts";
import { startReceiver } from "./receiver.ts";
import { createAlertApi, deliveriesOf, sendErrors } from "./fixtures.ts";

Deno.test("an alert fires once when more than N matching lines arrive in its window, and sends resolved when they stop", async () => {
  const rt = await setUp();
  await using _ = rt.app;
  await using hook = startReceiver();
  const s = rt.app.services;
  const context = await newContext(rt);
  const alert = await createAlertApi(rt, { webhook_url: hook.url });
  hook.secret = alert.webhook_secret;

  await sendErrors(rt, context.id, 2);
  assert.ok(await runAlerts(s, "instance-a"));
  assert.equal(hook.received.length, 0, "2 lines are not more than 2");

  await sendErrors(rt, context.id, 1);
  await runAlerts(s, "instance-a");
  assert.equal(hook.received.length, 1);
  const fired = hook.received[0]!;
  assert.equal(fired.event, "firing");
  assert.ok(fired.verified, "the signature verifies with the secret shown at creation");
  assert.equal(fired.body.event, "firing");
  assert.equal(fired.body.count, 3);
  assert.equal(fired.delivery, fired.body.delivery_id);
  const mail = rt.app.mailer.lastTo(rt.user.email);
  assert.equal(mail.subject, "Alert firing: Checkout errors");
  assert.match(mail.text, /3 lines \(error or worse matching "checkout"\) in the last 5 minutes/);

  // Still over the threshold: no second notification.
  await sendErrors(rt, context.id, 5);
  rt.app.clock.advance(MINUTE);
  await runAlerts(s, "instance-a");
  assert.equal(hook.received.length, 1);
  assert.equal(rt.app.mailer.messages.filter((m) => m.subject.startsWith("Alert")).length, 1);

  // The window passes with no new lines: resolved, once.
  rt.app.clock.advance(6 * MINUTE);
  await runAlerts(s, "instance-a");
  await runAlerts(s, "instance-a");
  assert.deepEqual(hook.received.map((r) => r.event), ["firing", "resolved"]);
  assert.ok(hook.received[1]!.verified);
  assert.equal(rt.app.mailer.lastTo(rt.user.email).subject, "Alert resolved: Checkout errors");
  const log = await deliveriesOf(rt, alert.id);
  assert.deepEqual(
    log.map((d) => [d.event, d.target, d.status, d.attempt]),
    [
      ["firing", "email", "delivered", 1],
      ["firing", "webhook", "delivered", 1],
      ["resolved", "email", "delivered", 1],
      ["resolved", "webhook", "delivered", 1],
    ],
  );
  assert.equal(log[1]!.status_code, 204);
});

Deno.test("a failing webhook is retried with doubling delays, at most five attempts, each in the delivery log", async () => {
  const rt = await setUp();
  await using _ = rt.app;
  await using hook = startReceiver();
  hook.answers = [500, 503, 500, 500, 500, 500];
  const s = rt.app.services;
  const context = await newContext(rt);
  const alert = await createAlertApi(rt, {
    webhook_url: hook.url,
    notify_email: false,
    window_minutes: 60,
  });
  hook.secret = alert.webhook_secret;
  await sendErrors(rt, context.id, 3);
  await runAlerts(s, "a");
  assert.equal(hook.received.length, 1);
  // Not due yet: the clock has not moved.
  assert.equal(await sendDueDeliveries(s), 0);
  for (const wait of [30_000, 60_000, 120_000, 240_000]) {
    rt.app.clock.advance(wait - 1);
    assert.equal(await sendDueDeliveries(s), 0, `nothing before ${wait} ms`);
    rt.app.clock.advance(1);
    assert.equal(await sendDueDeliveries(s), 1, `one attempt after ${wait} ms`);
  }
  rt.app.clock.advance(60 * MINUTE);
  assert.equal(await sendDueDeliveries(s), 0, "no sixth attempt");
  assert.equal(hook.received.length, 5);
  assert.equal(new Set(hook.received.map((r) => r.delivery)).size, 1, "one delivery id");
  assert.ok(hook.received.every((r) => r.verified), "every attempt is signed");
  const log = await deliveriesOf(rt, alert.id);
  assert.deepEqual(
    log.map((d) => [d.attempt, d.status, d.status_code, d.error]),
    [
      [1, "failed", 500, "the receiver answered 500"],
      [2, "failed", 503, "the receiver answered 503"],
      [3, "failed", 500, "the receiver answered 500"],
      [4, "failed", 500, "the receiver answered 500"],
      [5, "failed", 500, "the receiver answered 500"],
    ],
  );
});

Deno.test("a webhook that cannot be reached is logged with the error and retried", async () => {
  const rt = await setUp();
  await using _ = rt.app;
  const s = rt.app.services;
  const context = await newContext(rt);
  // A port nothing listens on: take one and close it.
  const probe = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const port = (probe.addr as Deno.NetAddr).port;
  probe.close();
  const alert = await createAlertApi(rt, {
    webhook_url: `http://127.0.0.1:${port}/hook`,
    notify_email: false,
  });
  await sendErrors(rt, context.id, 3);
  await runAlerts(s, "a");
  const log = await deliveriesOf(rt, alert.id);
  assert.deepEqual(log.map((d) => [d.attempt, d.status, d.status_code]), [
    [1, "failed", null],
    [2, "scheduled", null],
  ]);
  assert.ok(typeof log[0]!.error === "string" && log[0]!.error.length > 0);
});

Deno.test("with two evaluators only the lease holder evaluates, and the other takes over when the lease expires", async () => {
  const rt = await setUp();
  await using _ = rt.app;
  await using hook = startReceiver();
  const s = rt.app.services;
  const context = await newContext(rt);
  const alert = await createAlertApi(rt, { webhook_url: hook.url, notify_email: false });
  hook.secret = alert.webhook_secret;
  await sendErrors(rt, context.id, 3);

  // Both at once: exactly one runs, and the alert notifies once.
  const ran = await Promise.all([runAlerts(s, "a"), runAlerts(s, "b")]);
  assert.equal(ran.filter(Boolean).length, 1);
  const holder = ran[0] ? "a" : "b";
  const other = holder === "a" ? "b" : "a";
  assert.equal(hook.received.length, 1);

  rt.app.clock.advance(MINUTE);
  assert.equal(await runAlerts(s, other), false, "the lease is held");
  assert.equal(await runAlerts(s, holder), true, "the holder renews it");

  // The holder stops; once its lease has expired, the other takes it.
  rt.app.clock.advance(3 * MINUTE - 1);
  assert.equal(await runAlerts(s, other), false, "not expired yet");
  rt.app.clock.advance(1);
  assert.equal(await runAlerts(s, other), true);
  assert.equal(await runAlerts(s, holder), false, "the old holder lost it");
  const log = await deliveriesOf(rt, alert.id);
  assert.equal(log.filter((d) => d.event === "firing").length, 1);
});

Deno.test("an evaluator working from a stale view of an alert does not notify a second time", async () => {
  const rt = await setUp();
  await using _ = rt.app;
  const s = rt.app.services;
  const context = await newContext(rt);
  const created = await createAlertApi(rt, { notify_email: true });
  await sendErrors(rt, context.id, 3);
  const stale = await findAlert(s.db, created.id);
  // Two evaluators that both read the alert while it was ok (a lease that expired mid-run).
  const first = await evaluateAlert(s, stale!);
  const second = await evaluateAlert(s, stale!);
  assert.equal(first.transition, "firing");
  assert.equal(second.transition, "firing");
  const log = await deliveriesOf(rt, created.id);
  assert.equal(log.length, 1, "one notification, from the evaluator whose update made the change");
});

Deno.test("the alert email reaches a real SMTP server with the count and the links", async () => {
  const rt = await setUp({ PUBLIC_ORIGIN: "https://control.example.com" });
  await using _ = rt.app;
  await using smtp = await startSmtpServer();
  const mailer = new SmtpMailer({ kind: "smtp", url: smtp.url, from: "alerts@example.com" });
  const s = { ...rt.app.services, mailer };
  const context = await newContext(rt);
  const alert = await createAlertApi(rt, { notify_email: true });
  await sendErrors(rt, context.id, 3);
  const arrived = smtp.nextMail();
  await runAlerts(s, "a");
  const mail = await arrived;
  assert.deepEqual(mail.to, [rt.user.email]);
  assert.equal(mail.headers.get("subject"), "Alert firing: Checkout errors");
  assert.match(mail.text, /3 lines \(error or worse matching "checkout"\)/);
  assert.ok(mail.text.includes(`https://control.example.com/logs/alerts/${alert.id}`));
  assert.ok(mail.text.includes("https://control.example.com/logs?min_severity=error&q=checkout"));
  const log = await deliveriesOf(rt, alert.id);
  assert.deepEqual(log.map((d) => [d.target, d.status]), [["email", "delivered"]]);
});
