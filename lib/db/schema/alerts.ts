// Alerts (docs/alerts.md): saved searches over an owner's logs with a threshold, evaluated
// on a schedule by whichever instance holds the `alerts` lease.
import { sql } from "drizzle-orm";
import { check, index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { timestamp } from "./columns.ts";
import { owners } from "./accounts.ts";
import { contexts } from "./contexts.ts";

/** An alert: "more than `threshold` lines of level >= min_level matching q in window_minutes". */
export const alerts = sqliteTable("alerts", {
  id: text("id").primaryKey(),
  ownerId: text("owner_id").notNull().references(() => owners.id, { onDelete: "cascade" }),
  name: text("name").notNull(),
  /** The search text, passed to the log filter as the viewer's `q` is. */
  query: text("query"),
  minLevel: integer("min_level").notNull(),
  /** Only this context's lines; null: every context of the owner. */
  contextId: text("context_id").references(() => contexts.id, { onDelete: "cascade" }),
  threshold: integer("threshold").notNull(),
  windowMinutes: integer("window_minutes").notNull(),
  /** Mail the owner's address on each transition. */
  notifyEmail: integer("notify_email", { mode: "boolean" }).notNull(),
  webhookUrl: text("webhook_url"),
  /**
   * The HMAC key for webhook bodies. Kept readable (the evaluator signs with it) and shown to
   * the owner once; never in an API answer after creation, a page, a log or an audit event.
   */
  webhookSecret: text("webhook_secret").notNull(),
  state: text("state", { enum: ["ok", "firing"] }).notNull(),
  stateChangedAt: timestamp("state_changed_at"),
  lastEvaluatedAt: timestamp("last_evaluated_at"),
  lastCount: integer("last_count"),
  /** The newest transition's notification: its deliveries are written only if it is this one. */
  lastNotificationId: text("last_notification_id"),
  createdAt: timestamp("created_at").notNull(),
  updatedAt: timestamp("updated_at").notNull(),
}, (t) => [
  index("alerts_owner").on(t.ownerId, t.createdAt),
  check("alerts_state", sql`${t.state} IN ('ok', 'firing')`),
]);

/**
 * One notification attempt each: a transition schedules attempt 1 of each target; a failed
 * attempt schedules the next with a doubled delay, up to the bound. The alert's page lists them.
 */
export const alertDeliveries = sqliteTable("alert_deliveries", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  alertId: text("alert_id").notNull().references(() => alerts.id, { onDelete: "cascade" }),
  /** Shared by every attempt of one notification (the webhook's X-Inactu-Delivery). */
  notificationId: text("notification_id").notNull(),
  event: text("event", { enum: ["firing", "resolved"] }).notNull(),
  target: text("target", { enum: ["email", "webhook"] }).notNull(),
  /** The address or URL, as it was when scheduled. */
  destination: text("destination").notNull(),
  attempt: integer("attempt").notNull(),
  /** The JSON body (the webhook's bytes, signed as they are). */
  payload: text("payload").notNull(),
  /** scheduled, then sending (claimed by one sender), then delivered or failed. */
  status: text("status", { enum: ["scheduled", "sending", "delivered", "failed"] }).notNull(),
  dueAt: timestamp("due_at").notNull(),
  attemptedAt: timestamp("attempted_at"),
  statusCode: integer("status_code"),
  error: text("error"),
}, (t) => [
  index("alert_deliveries_alert").on(t.alertId, t.id),
  index("alert_deliveries_due").on(t.status, t.dueAt),
]);
