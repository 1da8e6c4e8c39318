// Alerts and their deliveries in the /v1 API. The webhook secret appears once, in the answer
// to the create (routes/v1/alerts/index.ts), and never here.
import { z } from "zod";
import { SEVERITIES, severityOf } from "../logs/severity.ts";
import type { Alert, AlertDelivery } from "./alerts.ts";

const time = z.string().meta({ format: "date-time" });

export const AlertJson = z.object({
  id: z.string(),
  name: z.string(),
  query: z.string().nullable(),
  min_severity: z.enum(SEVERITIES),
  context_id: z.string().nullable(),
  threshold: z.number().int(),
  window_minutes: z.number().int(),
  notify_email: z.boolean(),
  webhook_url: z.string().nullable(),
  state: z.enum(["ok", "firing"]),
  state_changed_at: time.nullable(),
  last_evaluated_at: time.nullable(),
  last_count: z.number().int().nullable(),
  created_at: time,
  updated_at: time,
}).meta({ id: "Alert" });

export function alertJson(a: Alert): z.infer<typeof AlertJson> {
  return {
    id: a.id,
    name: a.name,
    query: a.query,
    min_severity: severityOf(a.minLevel),
    context_id: a.contextId,
    threshold: a.threshold,
    window_minutes: a.windowMinutes,
    notify_email: a.notifyEmail,
    webhook_url: a.webhookUrl,
    state: a.state,
    state_changed_at: a.stateChangedAt?.toISOString() ?? null,
    last_evaluated_at: a.lastEvaluatedAt?.toISOString() ?? null,
    last_count: a.lastCount,
    created_at: a.createdAt.toISOString(),
    updated_at: a.updatedAt.toISOString(),
  };
}

export const DeliveryJson = z.object({
  id: z.number().int(),
  notification_id: z.string(),
  event: z.enum(["firing", "resolved"]),
  target: z.enum(["email", "webhook"]),
  destination: z.string(),
  attempt: z.number().int(),
  status: z.enum(["scheduled", "sending", "delivered", "failed"]),
  due_at: time,
  attempted_at: time.nullable(),
  status_code: z.number().int().nullable(),
  error: z.string().nullable(),
}).meta({ id: "AlertDelivery" });

export function deliveryJson(d: AlertDelivery): z.infer<typeof DeliveryJson> {
  return {
    id: d.id,
    notification_id: d.notificationId,
    event: d.event,
    target: d.target,
    destination: d.destination,
    attempt: d.attempt,
    status: d.status,
    due_at: d.dueAt.toISOString(),
    attempted_at: d.attemptedAt?.toISOString() ?? null,
    status_code: d.statusCode,
    error: d.error,
  };
}
