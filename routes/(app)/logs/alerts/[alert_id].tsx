import { type Ctx, define } from "@/lib/define.ts";
import { page } from "@/lib/framework/handlers.ts";
import { HttpError } from "@/lib/framework/http_error.ts";
import { readForm } from "@/lib/http/body.ts";
import { type FieldErrors, fieldErrors, formFailure } from "@/lib/http/errors.ts";
import type { RouteAccess } from "@/lib/http/access.ts";
import { deleteAlert, listAlertDeliveries, updateAlert } from "@/lib/alerts/commands.ts";
import {
  ALERT_FIELDS,
  type AlertFormValues,
  formInput,
  formValues,
  valuesOf,
} from "@/lib/alerts/form.ts";
import { focusTarget, Notice } from "@/components/forms.tsx";
import { exactTime } from "@/components/time.tsx";
import { ui } from "@/components/styles.ts";
import { LogsTabs } from "@/components/logs/LogsTabs.tsx";
import { AlertForm } from "@/components/logs/AlertForm.tsx";
import { AlertState, conditionText, DeliveryLog } from "@/components/logs/AlertParts.tsx";

export const access: RouteAccess = "session";

async function load(
  ctx: Ctx,
  form: { values: AlertFormValues; errors: FieldErrors } | null,
  status = 200,
) {
  const { alert, deliveries } = await listAlertDeliveries(ctx.state.services, ctx.state.actor, {
    id: ctx.params.alert_id!,
    limit: 100,
  });
  ctx.state.title = `Alert ${alert.name}`;
  return page({
    alert,
    deliveries,
    values: form?.values ?? valuesOf(alert),
    errors: form?.errors ?? {},
    saved: ctx.url.searchParams.get("notice") === "saved",
    email: ctx.state.user!.email,
  }, { status });
}

export const handler = define.handlers({
  GET(ctx) {
    return load(ctx, null);
  },
  async POST(ctx) {
    const { services, actor } = ctx.state;
    const form = await readForm(ctx.req, { maxBytes: 16 * 1024 });
    const id = ctx.params.alert_id!;
    const action = form.get("action");
    if (action === "delete") {
      await deleteAlert(services, actor, { id });
      return ctx.redirect("/logs/alerts?notice=deleted", 303);
    }
    if (action !== "save") throw new HttpError(400, "Unknown action; use save or delete");
    const values = formValues(form);
    try {
      await updateAlert(services, actor, { id, changes: formInput(values) });
      return ctx.redirect(`/logs/alerts/${id}?notice=saved`, 303);
    } catch (error) {
      const failure = formFailure(error);
      if (!failure) throw error;
      return load(ctx, { values, errors: fieldErrors(failure, ALERT_FIELDS) }, failure.status);
    }
  },
});

export default define.page<typeof handler>(function AlertPage({ data, url }) {
  const { alert } = data;
  return (
    <div class="space-y-6">
      <nav aria-label="Breadcrumb" class="text-sm text-slate-600">
        <a href="/logs/alerts" class={ui.link}>Alerts</a>
        <span class="px-1.5 text-slate-400" aria-hidden="true">/</span>
        <span>{alert.name}</span>
      </nav>
      <div class="space-y-2">
        <div class="flex flex-wrap items-center gap-3">
          <h1 class={`${ui.h1} break-words`}>{alert.name}</h1>
          <AlertState state={alert.state} />
        </div>
        <p class={ui.muted}>{conditionText(alert)}.</p>
        <p class="text-sm text-slate-600">
          {alert.lastEvaluatedAt
            ? `Last checked ${exactTime(alert.lastEvaluatedAt)}: ${alert.lastCount} lines.`
            : "Not checked yet: alerts are checked every minute."}
        </p>
      </div>
      <LogsTabs path={url.pathname} />
      {data.saved && <Notice tone="success">The alert was saved.</Notice>}
      <section class="space-y-3" aria-labelledby="deliveries">
        <h2 id="deliveries" class={ui.h2}>Notifications</h2>
        <p class={ui.muted}>
          Each attempt, newest first. A failed webhook is tried again after 30 s, 1, 2 and 4
          minutes.
        </p>
        <DeliveryLog deliveries={data.deliveries} />
      </section>
      <section class={`${ui.card} p-6 space-y-4`} aria-labelledby="settings">
        <h2 id="settings" class={ui.h2}>Settings</h2>
        <AlertForm
          values={data.values}
          errors={data.errors}
          focus={focusTarget(data.errors, ALERT_FIELDS)}
          submit="Save alert"
          email={data.email}
        />
      </section>
      <section class={`${ui.card} p-6 space-y-3`} aria-labelledby="delete">
        <h2 id="delete" class={ui.h2}>Delete</h2>
        <p class={ui.muted}>Deletes the alert and its notification log.</p>
        <form method="post">
          <input type="hidden" name="action" value="delete" />
          <button type="submit" class={ui.buttonDanger}>Delete alert</button>
        </form>
      </section>
    </div>
  );
});
