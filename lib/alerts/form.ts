// The alert form's fields as the commands take them (the form door of the same input the API
// sends as JSON): numbers stay text for the schema to check, a checkbox is present or not.
import type { Alert } from "./alerts.ts";
import { severityOf } from "../logs/severity.ts";

export const ALERT_FIELDS = [
  "name",
  "query",
  "min_severity",
  "threshold",
  "window_minutes",
  "context_id",
  "notify_email",
  "webhook_url",
] as const;

/** What the form shows: every field as text, the checkbox as a boolean. */
export interface AlertFormValues {
  name: string;
  query: string;
  min_severity: string;
  threshold: string;
  window_minutes: string;
  context_id: string;
  notify_email: boolean;
  webhook_url: string;
}

export function formValues(form: FormData): AlertFormValues {
  const get = (name: string) => String(form.get(name) ?? "");
  return {
    name: get("name"),
    query: get("query"),
    min_severity: get("min_severity"),
    threshold: get("threshold"),
    window_minutes: get("window_minutes"),
    context_id: get("context_id"),
    notify_email: form.get("notify_email") === "on",
    webhook_url: get("webhook_url"),
  };
}

/** The command input for the form's values (blank optional fields clear them). */
export function formInput(v: AlertFormValues): Record<string, unknown> {
  return {
    name: v.name,
    query: v.query.trim() === "" ? null : v.query,
    min_severity: v.min_severity,
    threshold: v.threshold,
    window_minutes: v.window_minutes,
    context_id: v.context_id.trim() === "" ? null : v.context_id,
    notify_email: v.notify_email,
    webhook_url: v.webhook_url.trim() === "" ? null : v.webhook_url,
  };
}

/** The form filled in with a stored alert. */
export function valuesOf(a: Alert): AlertFormValues {
  return {
    name: a.name,
    query: a.query ?? "",
    min_severity: severityOf(a.minLevel),
    threshold: String(a.threshold),
    window_minutes: String(a.windowMinutes),
    context_id: a.contextId ?? "",
    notify_email: a.notifyEmail,
    webhook_url: a.webhookUrl ?? "",
  };
}
