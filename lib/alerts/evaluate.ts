// Evaluating alerts: count each alert's matching lines in its window and, when the condition
// starts or stops holding, schedule one notification per target (docs/alerts.md). Nothing is
// sent while the condition keeps holding: an alert fires on the transition from ok to firing,
// and says "resolved" on the way back.
import { and, eq, sql } from "drizzle-orm";
import type { Services } from "../services.ts";
import { alerts, owners, users } from "../db/schema.ts";
import { severityOf } from "../logs/severity.ts";
import type { Alert } from "./alerts.ts";
import { countMatching } from "./count.ts";

type Deps = Pick<Services, "db" | "clock" | "config">;

export interface Evaluation {
  alertId: string;
  count: number;
  transition: "firing" | "resolved" | null;
}

/** Evaluates every alert once, at the clock's now. */
export async function evaluateAlerts(s: Deps): Promise<Evaluation[]> {
  const rows = await s.db.select().from(alerts);
  const out: Evaluation[] = [];
  for (const alert of rows) out.push(await evaluateAlert(s, alert));
  return out;
}

/** Evaluates one alert: its count, and the transition it made (if any). */
export async function evaluateAlert(s: Deps, alert: Alert): Promise<Evaluation> {
  const now = s.clock();
  const from = new Date(now.getTime() - alert.windowMinutes * 60_000);
  const count = await countMatching(
    s.db,
    { ownerId: alert.ownerId, contextId: alert.contextId },
    { q: alert.query, minLevel: alert.minLevel, from, to: now },
    alert.threshold + 1,
  );
  const firing = count > alert.threshold;
  const seen = { lastEvaluatedAt: now, lastCount: count };
  if (firing === (alert.state === "firing")) {
    await s.db.update(alerts).set(seen).where(eq(alerts.id, alert.id));
    return { alertId: alert.id, count, transition: null };
  }
  const event = firing ? "firing" : "resolved";
  const notificationId = crypto.randomUUID();
  const payload = JSON.stringify(payloadOf(s, alert, { event, count, from, now, notificationId }));
  const targets = await targetsOf(s, alert);
  // The deliveries are written only if this batch's update made the transition: should two
  // evaluators ever overlap (a lease that expired mid-run), one notification goes out.
  const mine = sql`EXISTS (SELECT 1 FROM alerts WHERE id = ${alert.id}
    AND last_notification_id = ${notificationId})`;
  await s.db.batch([
    s.db.update(alerts).set({
      ...seen,
      state: firing ? "firing" : "ok",
      stateChangedAt: now,
      lastNotificationId: notificationId,
    }).where(and(eq(alerts.id, alert.id), eq(alerts.state, alert.state))),
    ...targets.map((t) =>
      s.db.run(sql`INSERT INTO alert_deliveries (alert_id, notification_id, event, target,
          destination, attempt, payload, status, due_at)
        SELECT ${alert.id}, ${notificationId}, ${event}, ${t.target}, ${t.destination}, 1,
          ${payload}, 'scheduled', ${now.getTime()} WHERE ${mine}`)
    ),
  ]);
  return { alertId: alert.id, count, transition: event };
}

async function targetsOf(s: Deps, alert: Alert) {
  const out: { target: "email" | "webhook"; destination: string }[] = [];
  if (alert.notifyEmail) {
    const [row] = await s.db.select({ email: users.email }).from(owners)
      .innerJoin(users, eq(users.id, owners.userId)).where(eq(owners.id, alert.ownerId));
    if (row) out.push({ target: "email", destination: row.email });
  }
  if (alert.webhookUrl) out.push({ target: "webhook", destination: alert.webhookUrl });
  return out;
}

/** The webhook's JSON body (and what the email says). */
export function payloadOf(
  s: Deps,
  alert: Alert,
  e: { event: string; count: number; from: Date; now: Date; notificationId: string },
) {
  const search = new URLSearchParams({ min_severity: severityOf(alert.minLevel) });
  if (alert.query) search.set("q", alert.query);
  if (alert.contextId) search.set("context", alert.contextId);
  search.set("from", e.from.toISOString());
  search.set("to", e.now.toISOString());
  return {
    event: e.event,
    delivery_id: e.notificationId,
    alert: {
      id: alert.id,
      name: alert.name,
      url: `${s.config.publicOrigin}/logs/alerts/${alert.id}`,
    },
    condition: {
      query: alert.query,
      min_severity: severityOf(alert.minLevel),
      context_id: alert.contextId,
      threshold: alert.threshold,
      window_minutes: alert.windowMinutes,
    },
    count: e.count,
    window: { from: e.from.toISOString(), to: e.now.toISOString() },
    search_url: `${s.config.publicOrigin}/logs?${search}`,
    sent_at: e.now.toISOString(),
  };
}
