import { define } from "@/lib/define.ts";
import { page } from "@/lib/framework/handlers.ts";
import { readForm } from "@/lib/http/body.ts";
import { type FieldErrors, fieldErrors, formFailure } from "@/lib/http/errors.ts";
import type { RouteAccess } from "@/lib/http/access.ts";
import { createAlert } from "@/lib/alerts/commands.ts";
import type { Alert } from "@/lib/alerts/alerts.ts";
import { ALERT_FIELDS, type AlertFormValues, formInput, formValues } from "@/lib/alerts/form.ts";
import { focusTarget } from "@/components/forms.tsx";
import { ui } from "@/components/styles.ts";
import { LogsTabs } from "@/components/logs/LogsTabs.tsx";
import { AlertForm } from "@/components/logs/AlertForm.tsx";
import { SecretOnce } from "@/components/logs/AlertParts.tsx";

export const access: RouteAccess = "session";

interface Data {
  values: AlertFormValues;
  errors: FieldErrors;
  created: Alert | null;
  email: string;
}

function prefilled(url: URL): AlertFormValues {
  const get = (name: string) => url.searchParams.get(name)?.slice(0, 512) ?? "";
  return {
    name: "",
    query: get("q"),
    min_severity: get("min_severity") || "error",
    threshold: "10",
    window_minutes: "5",
    context_id: get("context_id"),
    notify_email: true,
    webhook_url: "",
  };
}

export const handler = define.handlers({
  GET(ctx) {
    ctx.state.title = "New alert";
    return page<Data>({
      values: prefilled(ctx.url),
      errors: {},
      created: null,
      email: ctx.state.user!.email,
    });
  },
  async POST(ctx) {
    ctx.state.title = "New alert";
    const values = formValues(await readForm(ctx.req, { maxBytes: 16 * 1024 }));
    const email = ctx.state.user!.email;
    try {
      const created = await createAlert(ctx.state.services, ctx.state.actor, formInput(values));
      // The secret is in this answer only: not cached, and never in a URL.
      return page<Data>({ values, errors: {}, created, email }, {
        status: 201,
        headers: { "cache-control": "no-store", "referrer-policy": "no-referrer" },
      });
    } catch (error) {
      const failure = formFailure(error);
      if (!failure) throw error;
      const errors = fieldErrors(failure, ALERT_FIELDS);
      return page<Data>({ values, errors, created: null, email }, { status: failure.status });
    }
  },
});

export default define.page<typeof handler>(function NewAlert({ data, url }) {
  const { created } = data;
  return (
    <div class="space-y-6">
      <h1 class={ui.h1}>Logs</h1>
      <LogsTabs path={url.pathname} />
      {created
        ? (
          <div class="space-y-4">
            <SecretOnce secret={created.webhookSecret} />
            <p class="flex flex-wrap gap-4">
              <a href={`/logs/alerts/${created.id}`} class={ui.buttonPrimary}>
                Open “{created.name}”
              </a>
              <a href="/logs/alerts" class={ui.buttonSecondary}>All alerts</a>
            </p>
          </div>
        )
        : (
          <section class={`${ui.card} p-6 space-y-4`} aria-labelledby="new-alert">
            <h2 id="new-alert" class={ui.h2}>New alert</h2>
            <AlertForm
              values={data.values}
              errors={data.errors}
              focus={focusTarget(data.errors, ALERT_FIELDS, "name")}
              submit="Create alert"
              email={data.email}
            />
          </section>
        )}
    </div>
  );
});
