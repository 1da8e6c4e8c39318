// Alerts as stored: an owner's saved searches with a threshold, and their delivery log. Every
// query is scoped by the caller (commands.ts asks the policy first).
import { and, count, desc, eq, lt, ne } from "drizzle-orm";
import type { Db } from "../db/client.ts";
import { alertDeliveries, alerts } from "../db/schema.ts";

export type Alert = typeof alerts.$inferSelect;
export type AlertDelivery = typeof alertDeliveries.$inferSelect;

/** The alert with this id, whoever owns it (the policy decides who may see it). */
export async function findAlert(db: Db, id: string): Promise<Alert | null> {
  const [row] = await db.select().from(alerts).where(eq(alerts.id, id)).limit(1);
  return row ?? null;
}

/** The owner's alerts, newest first (an owner has few: no paging). */
export function listAlerts(db: Db, ownerId: string): Promise<Alert[]> {
  return db.select().from(alerts).where(eq(alerts.ownerId, ownerId))
    .orderBy(desc(alerts.createdAt), desc(alerts.id)).limit(500);
}

/** How many alerts the owner has. */
export async function countAlerts(db: Db, ownerId: string): Promise<number> {
  const [row] = await db.select({ n: count() }).from(alerts).where(eq(alerts.ownerId, ownerId));
  return row?.n ?? 0;
}

/** Forgets attempts made before `before` (the log keeps what is recent; retries stay). */
export async function pruneDeliveries(db: Db, before: Date): Promise<number> {
  const result = await db.delete(alertDeliveries).where(
    and(ne(alertDeliveries.status, "scheduled"), lt(alertDeliveries.dueAt, before)),
  );
  return result.rowsAffected;
}

/** An alert's delivery attempts, newest first, keyset-paginated by id. */
export async function listDeliveries(
  db: Db,
  alertId: string,
  options: { beforeId?: number; limit: number },
): Promise<{ deliveries: AlertDelivery[]; nextBeforeId: number | null }> {
  const rows = await db.select().from(alertDeliveries).where(and(
    eq(alertDeliveries.alertId, alertId),
    options.beforeId === undefined ? undefined : lt(alertDeliveries.id, options.beforeId),
  )).orderBy(desc(alertDeliveries.id)).limit(options.limit + 1);
  const deliveries = rows.slice(0, options.limit);
  return {
    deliveries,
    nextBeforeId: rows.length > options.limit ? deliveries[deliveries.length - 1]!.id : null,
  };
}

/** A secret for signing webhook bodies: 256 random bits, hex, prefixed so it is recognizable. */
export function newWebhookSecret(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  return `whsec_${Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("")}`;
}
