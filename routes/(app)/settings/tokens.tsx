import { type Ctx, define } from "@/lib/define.ts";
import { page, type PageResponse } from "@/lib/framework/handlers.ts";
import { HttpError } from "@/lib/framework/http_error.ts";
import { readForm } from "@/lib/http/body.ts";
import { type FieldErrors, fieldErrors, formFailure } from "@/lib/http/errors.ts";
import {
  type ApiTokenInfo,
  DEFAULT_TOKEN_DAYS,
  MAX_TOKEN_DAYS,
  SCOPE_DESCRIPTIONS,
  SCOPES,
  tokenStatus,
} from "@/lib/auth/api_tokens.ts";
import { createToken, listOwnTokens, revokeToken } from "@/lib/auth/manage.ts";
import { SettingsNav } from "@/components/SettingsNav.tsx";
import { Field, FormError, Notice } from "@/components/forms.tsx";
import { exactTime, RelativeTime } from "@/components/time.tsx";
import { ui } from "@/components/styles.ts";
import CopyButton from "@/islands/CopyButton.tsx";
import type { RouteAccess } from "@/lib/http/access.ts";

interface Data {
  tokens: ApiTokenInfo[];
  now: Date;
  created: { token: string; name: string } | null;
  form: { name: string; scopes: string[]; days: string; errors: FieldErrors };
  notice: string | null;
}

const EXPIRY_CHOICES = [7, 30, 90, 365];

async function load(ctx: Ctx, extra: Partial<Data>, status = 200): Promise<PageResponse<Data>> {
  const { services, actor } = ctx.state;
  ctx.state.title = "API tokens";
  const data: Data = {
    tokens: await listOwnTokens(services, actor),
    now: services.clock(),
    created: null,
    form: { name: "", scopes: ["packages:read"], days: String(DEFAULT_TOKEN_DAYS), errors: {} },
    notice: null,
    ...extra,
  };
  // A page that may show a secret is never cached and never leaks its URL onward.
  return page(data, {
    status,
    headers: { "cache-control": "no-store", "referrer-policy": "no-referrer" },
  });
}

export const access: RouteAccess = "session";

export const handler = define.handlers({
  GET(ctx) {
    return load(ctx, {
      notice: ctx.url.searchParams.get("notice") === "revoked" ? "The token was revoked." : null,
    });
  },
  async POST(ctx) {
    const { services, actor } = ctx.state;
    const form = await readForm(ctx.req);
    const action = form.get("action");
    if (action === "revoke") {
      await revokeToken(services, actor, { id: String(form.get("id") ?? "") });
      return ctx.redirect("/settings/tokens?notice=revoked", 303);
    }
    if (action !== "create") throw new HttpError(400, "Unknown action; use create or revoke");
    const name = String(form.get("name") ?? "");
    const scopes = form.getAll("scopes").map(String);
    const days = String(form.get("expires_in_days") ?? "");
    try {
      const created = await createToken(services, actor, {
        name,
        scopes,
        expires_in_days: /^\d{1,4}$/.test(days) ? Number(days) : NaN,
      });
      return load(ctx, { created: { token: created.token, name: created.info.name } }, 201);
    } catch (error) {
      const failure = formFailure(error);
      if (!failure) throw error;
      const errors = fieldErrors(failure, ["name", "scopes", "expires_in_days"]);
      return load(ctx, { form: { name, scopes, days, errors } }, failure.status);
    }
  },
});

export default define.page<typeof handler>(function Tokens({ data, url }) {
  return (
    <div class="space-y-6">
      <h1 class={ui.h1}>Settings</h1>
      <SettingsNav path={url.pathname} />
      {data.notice && <Notice tone="success">{data.notice}</Notice>}
      {data.created && (
        <div
          class="rounded-lg bg-emerald-50 p-5 ring-1 ring-inset ring-emerald-200 space-y-3"
          role="status"
        >
          <p class="text-sm font-semibold text-emerald-900">
            Token "{data.created.name}" created. Copy it now: it will not be shown again.
          </p>
          <div class="flex flex-wrap items-center gap-3">
            <code
              id="new-token"
              class="min-w-0 flex-1 break-all rounded bg-white px-3 py-2 font-mono text-sm text-slate-900 ring-1 ring-emerald-200"
            >
              {data.created.token}
            </code>
            <CopyButton text={data.created.token} label="Copy token" />
          </div>
          <p class="text-xs text-emerald-900">
            Use it as <code class="font-mono">Authorization: Bearer &lt;token&gt;</code>.
          </p>
        </div>
      )}
      <section class={`${ui.card} p-6`} aria-labelledby="new">
        <h2 id="new" class={ui.h2}>New token</h2>
        <p class="mt-1 text-sm text-slate-600">
          For CLIs, CI jobs and runtimes. Grant only what the job needs. The{" "}
          <a class={ui.link} href="/docs/api">API reference</a>{" "}
          lists the scope each operation needs.
        </p>
        <form method="post" class="mt-5 space-y-5" novalidate>
          <input type="hidden" name="action" value="create" />
          <FormError message={data.form.errors.form} />
          <div class="max-w-md">
            <Field
              label="Name"
              name="name"
              required
              maxLength={64}
              value={data.form.name}
              placeholder="CI publish"
              error={data.form.errors.name}
              hint="To recognise it later, such as the job that uses it."
            />
          </div>
          <fieldset class="space-y-2">
            <legend class={ui.label}>Scopes</legend>
            {SCOPES.map((scope) => (
              <label class="flex items-start gap-3 text-sm">
                <input
                  type="checkbox"
                  name="scopes"
                  value={scope}
                  checked={data.form.scopes.includes(scope)}
                  class="mt-0.5 h-4 w-4 rounded border-slate-300 text-indigo-600 focus:ring-indigo-600"
                />
                <span>
                  <code class="font-mono text-slate-900">{scope}</code>{" "}
                  <span class="text-slate-600">{SCOPE_DESCRIPTIONS[scope]}</span>
                </span>
              </label>
            ))}
            <FieldProblem name="scopes" message={data.form.errors.scopes} />
          </fieldset>
          <div class="max-w-xs space-y-1.5">
            <label for="field-expires_in_days" class={ui.label}>Expires after</label>
            <select id="field-expires_in_days" name="expires_in_days" class={ui.input}>
              {EXPIRY_CHOICES.map((d) => (
                <option value={String(d)} selected={data.form.days === String(d)}>{d} days</option>
              ))}
            </select>
            <p class="text-xs text-slate-500">At most {MAX_TOKEN_DAYS} days.</p>
            <FieldProblem name="expires_in_days" message={data.form.errors.expires_in_days} />
          </div>
          <button type="submit" class={ui.buttonPrimary}>Create token</button>
        </form>
      </section>
      <section class="space-y-3" aria-labelledby="existing">
        <h2 id="existing" class={ui.h2}>Your tokens</h2>
        {data.tokens.length === 0
          ? (
            <p class="rounded-lg bg-white px-4 py-6 text-center text-sm text-slate-500 ring-1 ring-slate-200">
              No tokens yet.
            </p>
          )
          : (
            <div class="overflow-x-auto rounded-lg bg-white ring-1 ring-slate-200">
              <table class="min-w-full text-sm">
                <thead class="bg-slate-50 text-left text-xs font-semibold uppercase tracking-wide text-slate-500">
                  <tr>
                    <th scope="col" class="px-4 py-2.5">Name</th>
                    <th scope="col" class="px-4 py-2.5">Scopes</th>
                    <th scope="col" class="px-4 py-2.5">Last used</th>
                    <th scope="col" class="px-4 py-2.5">Expires</th>
                    <th scope="col" class="px-4 py-2.5">
                      <span class="sr-only">Actions</span>
                    </th>
                  </tr>
                </thead>
                <tbody class="divide-y divide-slate-100">
                  {data.tokens.map((t) => {
                    const status = tokenStatus(t, data.now);
                    const state = status === "active" ? null : status;
                    return (
                      <tr class={state ? "text-slate-400" : ""}>
                        <td class="px-4 py-2.5 font-medium">
                          {t.name}
                          {state && (
                            <span class="ml-2 rounded bg-slate-100 px-1.5 py-0.5 text-xs text-slate-600">
                              {state}
                            </span>
                          )}
                        </td>
                        <td class="px-4 py-2.5 font-mono text-xs">{t.scopes.join(" ")}</td>
                        <td class="px-4 py-2.5 whitespace-nowrap">
                          {t.lastUsedAt
                            ? <RelativeTime date={t.lastUsedAt} now={data.now} />
                            : "never"}
                        </td>
                        <td class="px-4 py-2.5 whitespace-nowrap" title={exactTime(t.expiresAt)}>
                          <RelativeTime date={t.expiresAt} now={data.now} />
                        </td>
                        <td class="px-4 py-2.5 text-right">
                          {!state && (
                            <form method="post">
                              <input type="hidden" name="action" value="revoke" />
                              <input type="hidden" name="id" value={t.id} />
                              <button
                                type="submit"
                                class={ui.buttonSmall}
                                aria-label={`Revoke ${t.name}`}
                              >
                                Revoke
                              </button>
                            </form>
                          )}
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
          )}
      </section>
    </div>
  );
});

// The reason beside a group of inputs that Field does not draw (checkboxes, a select).
function FieldProblem({ name, message }: { name: string; message?: string }) {
  if (!message) return null;
  return <p id={`field-${name}-error`} class="text-sm text-red-700" role="alert">{message}</p>;
}
