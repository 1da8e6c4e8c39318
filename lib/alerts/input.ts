// What an alert is made of, as the form and the API send it: one schema for both doors.
import { z } from "zod";
import { SEVERITIES } from "../logs/severity.ts";
import { MAX_QUERY_CHARS } from "../logs/filter.ts";
import { checkText } from "../logs/text.ts";
import { isContextId } from "../contexts/contexts.ts";

/** "More than N lines": N+1 lines are read at most, which one log read can hold. */
export const MAX_THRESHOLD = 999;
/** A day: the longest window, so one evaluation stays a bounded read. */
export const MAX_WINDOW_MINUTES = 1440;
export const MAX_NAME_CHARS = 100;
export const MAX_WEBHOOK_URL_CHARS = 2048;

function text(max: number, required: boolean) {
  return z.string().transform((value, ctx) => {
    const checked = checkText("x", value, { max, required });
    if ("error" in checked) {
      ctx.addIssue({ code: "custom", message: checked.error.replace(/^x /, "") });
      return z.NEVER;
    }
    return checked.value;
  });
}

/** A whole number from a JSON number or a form's digits. */
function whole(min: number, max: number) {
  const message = `must be a whole number from ${min} to ${max}`;
  return z.union([
    z.number(),
    z.string().trim().regex(/^-?\d{1,10}$/).transform(Number),
  ], { error: message }).pipe(z.number().int(message).min(min, message).max(max, message));
}

const webhookUrl = z.string().trim().max(
  MAX_WEBHOOK_URL_CHARS,
  `must be at most ${MAX_WEBHOOK_URL_CHARS} characters`,
).transform((value, ctx) => {
  if (value === "") return null;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    ctx.addIssue({
      code: "custom",
      message: "must be an http(s) URL such as https://example.com/hook",
    });
    return z.NEVER;
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    ctx.addIssue({
      code: "custom",
      message: "must be an http(s) URL such as https://example.com/hook",
    });
    return z.NEVER;
  }
  if (url.username || url.password) {
    ctx.addIssue({ code: "custom", message: "must not hold a user name or password" });
    return z.NEVER;
  }
  return url.href;
});

export const AlertFields = {
  name: text(MAX_NAME_CHARS, true),
  query: text(MAX_QUERY_CHARS, false).nullable(),
  min_severity: z.enum(SEVERITIES, `must be one of: ${SEVERITIES.join(", ")}`),
  context_id: z.string().trim().refine((v) => v === "" || isContextId(v), "must be a context id")
    .transform((v) => v === "" ? null : v.toLowerCase()).nullable(),
  threshold: whole(0, MAX_THRESHOLD),
  window_minutes: whole(1, MAX_WINDOW_MINUTES),
  notify_email: z.boolean(),
  webhook_url: webhookUrl.nullable(),
};

/** A new alert. */
export const CreateAlert = z.strictObject({
  ...AlertFields,
  query: AlertFields.query.optional(),
  min_severity: AlertFields.min_severity.default("error"),
  context_id: AlertFields.context_id.optional(),
  notify_email: AlertFields.notify_email.default(true),
  webhook_url: AlertFields.webhook_url.optional(),
});

/** A change: the fields sent are replaced, the others kept. */
export const UpdateAlert = z.strictObject(AlertFields).partial();

export type CreateAlertInput = z.infer<typeof CreateAlert>;
export type UpdateAlertInput = z.infer<typeof UpdateAlert>;
