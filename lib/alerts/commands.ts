// What callers do with alerts, each one command taking (services, actor, input): find one,
// list them, create, change, delete, read the delivery log. An alert of someone else reads
// exactly like a missing one. Every change writes its audit event in the same batch.
import { eq } from "drizzle-orm";
import type { Services } from "../services.ts";
import { alerts } from "../db/schema.ts";
import { type Actor, auditActor, authorize, authorizeOwn } from "../access/policy.ts";
import { auditInsert } from "../audit/audit.ts";
import { DomainError, invalid } from "../errors.ts";
import { parseInput } from "../validation.ts";
import { findContext } from "../contexts/contexts.ts";
import { levelOf } from "../logs/severity.ts";
import {
  type Alert,
  type AlertDelivery,
  countAlerts,
  findAlert,
  listAlerts,
  listDeliveries,
  newWebhookSecret,
} from "./alerts.ts";
import { CreateAlert, type CreateAlertInput, UpdateAlert } from "./input.ts";
import { webhookTargetProblem } from "./targets.ts";

export const ALERT_NOT_FOUND = "alert not found";
/** Every alert is evaluated every minute: an owner's share of that work is bounded. */
export const MAX_ALERTS_PER_OWNER = 100;

/** The alert `id` when the policy allows `action` on it; else not_found like a missing one. */
export async function alertFor(
  s: Services,
  actor: Actor,
  action: "alert.read" | "alert.manage",
  id: string,
): Promise<Alert> {
  const row = /^[0-9a-f-]{36}$/.test(id) ? await findAlert(s.db, id) : null;
  authorize(actor, action, row, ALERT_NOT_FOUND);
  return row!;
}

/** The actor's alerts. */
export function listOwnAlerts(s: Services, actor: Actor): Promise<Alert[]> {
  const user = authorizeOwn(actor, "alert.read");
  return listAlerts(s.db, user.ownerId);
}

/** A page of an alert's delivery log. */
export async function listAlertDeliveries(
  s: Services,
  actor: Actor,
  input: { id: string; beforeId?: number; limit: number },
): Promise<{ alert: Alert; deliveries: AlertDelivery[]; nextBeforeId: number | null }> {
  const alert = await alertFor(s, actor, "alert.read", input.id);
  return { alert, ...await listDeliveries(s.db, alert.id, input) };
}

type Settings = Pick<
  Alert,
  | "name"
  | "query"
  | "minLevel"
  | "contextId"
  | "threshold"
  | "windowMinutes"
  | "notifyEmail"
  | "webhookUrl"
>;

/** The rules across fields and the owner's data; the settings to store. */
async function checkSettings(s: Services, ownerId: string, settings: Settings): Promise<Settings> {
  if (settings.contextId && !await findContext(s.db, ownerId, settings.contextId)) {
    throw invalid("context_id", "context_id: none of your contexts has this id");
  }
  if (settings.webhookUrl) {
    const problem = webhookTargetProblem(settings.webhookUrl, s.config.env === "production");
    if (problem) throw invalid("webhook_url", `webhook_url: ${problem}`);
  }
  if (!settings.notifyEmail && !settings.webhookUrl) {
    throw invalid("notify_email", "choose where to notify: email, a webhook URL, or both");
  }
  return settings;
}

function settingsOf(input: CreateAlertInput): Settings {
  return {
    name: input.name!,
    query: input.query ?? null,
    minLevel: levelOf(input.min_severity),
    contextId: input.context_id ?? null,
    threshold: input.threshold,
    windowMinutes: input.window_minutes,
    notifyEmail: input.notify_email,
    webhookUrl: input.webhook_url ?? null,
  };
}

/** Creates an alert; the answer holds its webhook secret, which is never shown again. */
export async function createAlert(s: Services, actor: Actor, input: unknown): Promise<Alert> {
  const data = parseInput(CreateAlert, input);
  const user = authorizeOwn(actor, "alert.manage");
  const settings = await checkSettings(s, user.ownerId, settingsOf(data));
  if (await countAlerts(s.db, user.ownerId) >= MAX_ALERTS_PER_OWNER) {
    throw new DomainError(
      "conflict",
      `you have ${MAX_ALERTS_PER_OWNER} alerts, the most allowed; delete one first`,
    );
  }
  const now = s.clock();
  const alert: Alert = {
    id: crypto.randomUUID(),
    ownerId: user.ownerId,
    ...settings,
    webhookSecret: newWebhookSecret(),
    state: "ok",
    stateChangedAt: null,
    lastEvaluatedAt: null,
    lastCount: null,
    lastNotificationId: null,
    createdAt: now,
    updatedAt: now,
  };
  await s.db.batch([
    s.db.insert(alerts).values(alert),
    auditInsert(s.db, auditActor(actor)!, {
      action: "alert.create",
      targetType: "alert",
      targetId: alert.id,
      metadata: { name: alert.name },
    }, now),
  ]);
  return alert;
}

/** Changes the fields sent; returns the alert as stored. */
export async function updateAlert(
  s: Services,
  actor: Actor,
  input: { id: string; changes: unknown },
): Promise<Alert> {
  const changes = parseInput(UpdateAlert, input.changes);
  const alert = await alertFor(s, actor, "alert.manage", input.id);
  const settings = await checkSettings(s, alert.ownerId, {
    name: changes.name ?? alert.name,
    query: changes.query === undefined ? alert.query : changes.query,
    minLevel: changes.min_severity ? levelOf(changes.min_severity) : alert.minLevel,
    contextId: changes.context_id === undefined ? alert.contextId : changes.context_id,
    threshold: changes.threshold ?? alert.threshold,
    windowMinutes: changes.window_minutes ?? alert.windowMinutes,
    notifyEmail: changes.notify_email ?? alert.notifyEmail,
    webhookUrl: changes.webhook_url === undefined ? alert.webhookUrl : changes.webhook_url,
  });
  const changed = (Object.keys(settings) as (keyof Settings)[])
    .filter((k) => settings[k] !== alert[k]);
  if (!changed.length) return alert;
  const now = s.clock();
  await s.db.batch([
    s.db.update(alerts).set({ ...settings, updatedAt: now }).where(eq(alerts.id, alert.id)),
    auditInsert(s.db, auditActor(actor)!, {
      action: "alert.update",
      targetType: "alert",
      targetId: alert.id,
      metadata: { name: settings.name, changed },
    }, now),
  ]);
  return { ...alert, ...settings, updatedAt: now };
}

/** Deletes an alert and its delivery log. */
export async function deleteAlert(s: Services, actor: Actor, input: { id: string }) {
  const alert = await alertFor(s, actor, "alert.manage", input.id);
  const now = s.clock();
  const [deleted] = await s.db.batch([
    s.db.delete(alerts).where(eq(alerts.id, alert.id)),
    auditInsert(s.db, auditActor(actor)!, {
      action: "alert.delete",
      targetType: "alert",
      targetId: alert.id,
      metadata: { name: alert.name },
    }, now),
  ]);
  if (deleted.rowsAffected === 0) throw new DomainError("not_found", ALERT_NOT_FOUND);
}
