import { assert } from "../helpers/assert.ts";
import type { TestApp } from "../helpers/app.ts";
import type { TestUser } from "../helpers/accounts.ts";
import { listAlerts } from "@/lib/alerts/alerts.ts";
import { assertParity, type ParityCase } from "./harness.ts";

async function alertsOf(app: TestApp, user: TestUser) {
  const rows = await listAlerts(app.services.db, user.ownerId);
  return rows.map((a) => ({
    name: a.name,
    query: a.query,
    minLevel: a.minLevel,
    threshold: a.threshold,
    windowMinutes: a.windowMinutes,
    notifyEmail: a.notifyEmail,
    webhookUrl: a.webhookUrl,
  }));
}

function create(fields: {
  name: string;
  query: string;
  threshold: string;
  webhook_url: string;
}): Pick<ParityCase, "form" | "api"> {
  return {
    form: {
      method: "POST",
      path: "/logs/alerts/new",
      form: {
        ...fields,
        min_severity: "warn",
        window_minutes: "15",
        context_id: "",
        notify_email: "on",
      },
    },
    api: {
      method: "POST",
      path: "/v1/alerts",
      json: {
        name: fields.name,
        query: fields.query,
        min_severity: "warn",
        threshold: /^\d+$/.test(fields.threshold) ? Number(fields.threshold) : fields.threshold,
        window_minutes: 15,
        notify_email: true,
        ...(fields.webhook_url ? { webhook_url: fields.webhook_url } : {}),
      },
    },
  };
}

Deno.test("creating an alert: the form and the API create the same alert and audit it the same way", async () => {
  const outcome = await assertParity({
    name: "create alert",
    setup: async () => {},
    ...create({
      name: "Slow checkout",
      query: "timeout",
      threshold: "10",
      webhook_url: "https://example.com/hook",
    }),
    effect: alertsOf,
  });
  assert.deepEqual([outcome.status, outcome.audit], ["success", "alert.create"]);
  assert.deepEqual(outcome.effect, [{
    name: "Slow checkout",
    query: "timeout",
    minLevel: 2,
    threshold: 10,
    windowMinutes: 15,
    notifyEmail: true,
    webhookUrl: "https://example.com/hook",
  }]);
});

Deno.test("an alert with a threshold out of range is refused at both doors with one message", async () => {
  const outcome = await assertParity({
    name: "create alert, bad threshold",
    setup: async () => {},
    ...create({ name: "x", query: "", threshold: "5000", webhook_url: "" }),
    effect: alertsOf,
  });
  assert.equal(outcome.status, "400");
  assert.equal(outcome.message, "threshold: must be a whole number from 0 to 999");
});

Deno.test("an alert with a webhook URL that is not http(s) is refused at both doors with one message", async () => {
  const outcome = await assertParity({
    name: "create alert, bad webhook",
    setup: async () => {},
    ...create({ name: "x", query: "", threshold: "1", webhook_url: "ftp://example.com" }),
    effect: alertsOf,
  });
  assert.equal(outcome.status, "400");
  assert.equal(
    outcome.message,
    "webhook_url: must be an http(s) URL such as https://example.com/hook",
  );
});
