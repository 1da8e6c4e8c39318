import { assert } from "../helpers/assert.ts";
import { newContext, sendJson, setUp } from "../contexts/fixtures.ts";
import { alerts } from "@/lib/db/schema.ts";
import { MAX_ALERTS_PER_OWNER } from "@/lib/alerts/commands.ts";
import { runAlerts } from "@/lib/alerts/schedule.ts";
import { DAY } from "@/lib/time.ts";
import { createAlertApi, deliveriesOf, sendErrors } from "./fixtures.ts";

Deno.test("an owner with the most alerts allowed is told to delete one before creating another", async () => {
  const rt = await setUp();
  await using _ = rt.app;
  const now = rt.app.clock.now();
  await rt.app.services.db.insert(alerts).values(
    Array.from({ length: MAX_ALERTS_PER_OWNER }, (_, i) => ({
      id: crypto.randomUUID(),
      ownerId: rt.user.ownerId,
      name: `alert ${i}`,
      minLevel: 3,
      threshold: 1,
      windowMinutes: 5,
      notifyEmail: true,
      webhookSecret: "whsec_x",
      state: "ok" as const,
      createdAt: now,
      updatedAt: now,
    })),
  );
  const res = await sendJson(rt.app, "POST", "/v1/alerts", {
    name: "one more",
    threshold: 1,
    window_minutes: 5,
  }, rt.auth);
  assert.equal(res.status, 409);
  assert.equal((await res.json()).error, "you have 100 alerts, the most allowed; delete one first");
});

Deno.test("the delivery log forgets attempts after 30 days", async () => {
  const rt = await setUp();
  await using _ = rt.app;
  const context = await newContext(rt);
  const alert = await createAlertApi(rt, {});
  await sendErrors(rt, context.id, 3);
  await runAlerts(rt.app.services, "a");
  assert.equal((await deliveriesOf(rt, alert.id)).length, 1);
  rt.app.clock.advance(30 * DAY + 1);
  await runAlerts(rt.app.services, "a");
  // The window has passed: a resolved notice now, and the 30-day-old attempt is gone.
  const log = await deliveriesOf(rt, alert.id);
  assert.deepEqual(log.map((d) => d.event), ["resolved"]);
});
