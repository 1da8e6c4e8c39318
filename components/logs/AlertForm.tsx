// The alert settings form, for a new alert and for changing one. A plain POST form: it works
// without JavaScript, and a refusal shows each problem beside its field.
import type { AlertFormValues } from "@/lib/alerts/form.ts";
import { MAX_NAME_CHARS, MAX_THRESHOLD, MAX_WINDOW_MINUTES } from "@/lib/alerts/input.ts";
import type { FieldErrors } from "@/lib/http/errors.ts";
import { MAX_QUERY_CHARS } from "@/lib/logs/filter.ts";
import { SEVERITIES } from "@/lib/logs/severity.ts";
import { Field, FormError } from "@/components/forms.tsx";
import { ui } from "@/components/styles.ts";

export function AlertForm(props: {
  values: AlertFormValues;
  errors: FieldErrors;
  focus?: string;
  submit: string;
  /** The owner's address, which email notifications go to. */
  email: string;
}) {
  const { values: v, errors: e } = props;
  return (
    <form method="post" class="space-y-5" novalidate>
      <input type="hidden" name="action" value="save" />
      <FormError message={e.form} />
      <div class="max-w-md">
        <Field
          label="Name"
          name="name"
          required
          maxLength={MAX_NAME_CHARS}
          value={v.name}
          placeholder="Checkout errors"
          error={e.name}
          autofocus={props.focus === "name"}
        />
      </div>
      <fieldset class="space-y-3">
        <legend class="text-sm font-semibold text-slate-900">When</legend>
        <p class={ui.muted}>
          More than <i>N</i> lines of a severity or worse, containing the text, within the window.
        </p>
        <div class="grid gap-4 sm:grid-cols-2">
          <Field
            label="Text (optional)"
            name="query"
            maxLength={MAX_QUERY_CHARS}
            value={v.query}
            placeholder="Literal text, such as timeout"
            error={e.query}
            autofocus={props.focus === "query"}
            hint="Blank: every line."
          />
          <div class="space-y-1.5">
            <label for="field-min_severity" class={ui.label}>Severity</label>
            <select
              id="field-min_severity"
              name="min_severity"
              class={e.min_severity ? ui.inputInvalid : ui.input}
              aria-invalid={e.min_severity ? "true" : undefined}
              aria-describedby={e.min_severity ? "field-min_severity-error" : undefined}
            >
              {SEVERITIES.map((s) => (
                <option value={s} selected={s === v.min_severity}>
                  {s === "error" ? "error" : `${s} and above`}
                </option>
              ))}
            </select>
            {e.min_severity && (
              <p id="field-min_severity-error" class="text-sm text-red-700" role="alert">
                {e.min_severity}
              </p>
            )}
          </div>
          <Field
            label="More than (lines)"
            name="threshold"
            type="number"
            value={v.threshold}
            error={e.threshold}
            autofocus={props.focus === "threshold"}
            hint={`0 to ${MAX_THRESHOLD}; 0 means any matching line.`}
          />
          <Field
            label="Within (minutes)"
            name="window_minutes"
            type="number"
            value={v.window_minutes}
            error={e.window_minutes}
            autofocus={props.focus === "window_minutes"}
            hint={`1 to ${MAX_WINDOW_MINUTES}.`}
          />
        </div>
        <div class="max-w-md">
          <Field
            label="Only this context (optional)"
            name="context_id"
            value={v.context_id}
            placeholder="Context id; blank: all your contexts"
            error={e.context_id}
            autofocus={props.focus === "context_id"}
          />
        </div>
      </fieldset>
      <fieldset class="space-y-3">
        <legend class="text-sm font-semibold text-slate-900">Notify</legend>
        <label class="flex items-start gap-3 text-sm">
          <input
            type="checkbox"
            name="notify_email"
            checked={v.notify_email}
            aria-invalid={e.notify_email ? "true" : undefined}
            aria-describedby={e.notify_email ? "field-notify_email-error" : undefined}
            class="mt-0.5 h-4 w-4 rounded border-slate-300 text-indigo-600 focus:ring-indigo-600"
          />
          <span>
            Email <span class="font-medium text-slate-900 break-all">{props.email}</span>
          </span>
        </label>
        {e.notify_email && (
          <p id="field-notify_email-error" class="text-sm text-red-700" role="alert">
            {e.notify_email}
          </p>
        )}
        <div class="max-w-xl">
          <Field
            label="Webhook URL (optional)"
            name="webhook_url"
            type="url"
            value={v.webhook_url}
            placeholder="https://example.com/hooks/inactu"
            error={e.webhook_url}
            autofocus={props.focus === "webhook_url"}
            hint={
              <>
                A JSON POST on each change, signed with HMAC-SHA256 in{" "}
                <code class={ui.code}>X-Inactu-Signature</code>.
              </>
            }
          />
        </div>
      </fieldset>
      <p class={ui.muted}>
        You are notified when the condition starts to hold, and once more when it is resolved; not
        again while it keeps holding.
      </p>
      <button type="submit" class={ui.buttonPrimary}>{props.submit}</button>
    </form>
  );
}
