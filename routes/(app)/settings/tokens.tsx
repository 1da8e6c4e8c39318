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
  tokenIdOf,
} from "@/lib/auth/api_tokens.ts";
import { clearNewTokenCookie, newTokenCookie, readNewTokenCookie } from "@/lib/auth/cookie.ts";
import { createToken, listOwnTokens, revokeToken } from "@/lib/auth/manage.ts";
import { SettingsNav } from "@/components/SettingsNav.tsx";
import { Field, focusTarget, FormError, Notice } from "@/components/forms.tsx";
import { TokenList } from "@/components/TokenList.tsx";
import { ui } from "@/components/styles.ts";
import CopyButton from "@/islands/CopyButton.tsx";
import type { RouteAccess } from "@/lib/http/access.ts";
import { myOrgs } from "@/lib/orgs/mine.ts";
import { OwnerSelect } from "@/components/orgs/OwnerSelect.tsx";

interface Data {
  tokens: ApiTokenInfo[];
  /** With organizations on: the handles a token may act for (yours first); else null. */
  owners: string[] | null;
  now: Date;
  /** The token just created: its secret the first time the page shows it, then null. */
  created: { token: string | null; name: string } | null;
  form: { name: string; scopes: string[]; days: string; owner: string; errors: FieldErrors };
  notice: string | null;
}

const EXPIRY_CHOICES = [7, 30, 90, 365];
const FIELDS = ["name", "owner", "scopes", "expires_in_days"] as const;

async function load(
  ctx: Ctx,
  extra: Partial<Data>,
  status = 200,
  headers: Headers = new Headers(),
): Promise<PageResponse<Data>> {
  const { services, actor } = ctx.state;
  ctx.state.title = "API tokens";
  const [tokens, orgs] = await Promise.all([
    listOwnTokens(services, actor),
    services.config.orgsEnabled ? myOrgs(services, actor) : null,
  ]);
  const me = ctx.state.user!.handle;
  const data: Data = {
    tokens,
    owners: orgs ? [me, ...orgs.map((o) => o.handle)] : null,
    now: services.clock(),
    created: createdToken(ctx, tokens, headers),
    form: {
      name: "",
      scopes: ["packages:read"],
      days: String(DEFAULT_TOKEN_DAYS),
      owner: ctx.url.searchParams.get("owner") ?? me,
      errors: {},
    },
    notice: null,
    ...extra,
  };
  // A page that may show a secret is never cached and never leaks its URL onward.
  headers.set("cache-control", "no-store");
  headers.set("referrer-policy", "no-referrer");
  return page(data, { status, headers });
}

// After a create, `?created=<id>` names the token and the cookie set by the POST carries its
// secret, which is shown this once: the cookie is cleared, so a reload says "already shown".
function createdToken(ctx: Ctx, tokens: ApiTokenInfo[], headers: Headers): Data["created"] {
  const secure = ctx.state.services.config.secureCookies;
  const carried = readNewTokenCookie(ctx.req, secure);
  if (carried) headers.append("set-cookie", clearNewTokenCookie(secure));
  const id = ctx.url.searchParams.get("created");
  const info = id ? tokens.find((t) => t.id === id) : undefined;
  if (!info) return null;
  return { name: info.name, token: carried && tokenIdOf(carried) === info.id ? carried : null };
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
    const owner = String(form.get("owner") ?? "");
    try {
      const created = await createToken(services, actor, {
        name,
        scopes,
        expires_in_days: /^\d{1,4}$/.test(days) ? Number(days) : NaN,
        ...(owner ? { owner } : {}),
      });
      // Post/redirect/get: reloading the page that shows the secret cannot create another.
      const headers = new Headers({ location: `/settings/tokens?created=${created.info.id}` });
      headers.append("set-cookie", newTokenCookie(created.token, services.config.secureCookies));
      return new Response(null, { status: 303, headers });
    } catch (error) {
      const failure = formFailure(error);
      if (!failure) throw error;
      const errors = fieldErrors(failure, FIELDS);
      return load(ctx, { form: { name, scopes, days, owner, errors } }, failure.status);
    }
  },
});

export default define.page<typeof handler>(function Tokens({ data, url }) {
  const focus = focusTarget(data.form.errors, FIELDS);
  return (
    <div class="space-y-6">
      <h1 class={ui.h1}>Settings</h1>
      <SettingsNav path={url.pathname} />
      {data.notice && <Notice tone="success">{data.notice}</Notice>}
      {data.created && !data.created.token && (
        <Notice tone="info">
          Token "{data.created.name}" was created. Its secret was already shown once and is not
          shown again; if you did not copy it, revoke the token and create another.
        </Notice>
      )}
      {data.created?.token && (
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
              autofocus={focus === "name"}
              hint="To recognise it later, such as the job that uses it."
            />
          </div>
          {data.owners && (
            <OwnerSelect
              owners={data.owners}
              value={data.form.owner}
              error={data.form.errors.owner}
              autofocus={focus === "owner"}
            />
          )}
          <fieldset class="space-y-2">
            <legend class={ui.label}>Scopes</legend>
            {SCOPES.map((scope, i) => (
              <label class="flex items-start gap-3 text-sm">
                <input
                  type="checkbox"
                  name="scopes"
                  value={scope}
                  checked={data.form.scopes.includes(scope)}
                  autofocus={i === 0 && focus === "scopes"}
                  aria-invalid={data.form.errors.scopes ? "true" : undefined}
                  aria-describedby={data.form.errors.scopes ? "field-scopes-error" : undefined}
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
            <select
              id="field-expires_in_days"
              name="expires_in_days"
              class={ui.input}
              autofocus={focus === "expires_in_days"}
              aria-invalid={data.form.errors.expires_in_days ? "true" : undefined}
              aria-describedby={data.form.errors.expires_in_days
                ? "field-expires_in_days-error"
                : undefined}
            >
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
        <TokenList tokens={data.tokens} now={data.now} by={data.owners ? "owner" : undefined} />
      </section>
    </div>
  );
});

// The reason beside a group of inputs that Field does not draw (checkboxes, a select).
function FieldProblem({ name, message }: { name: string; message?: string }) {
  if (!message) return null;
  return <p id={`field-${name}-error`} class="text-sm text-red-700" role="alert">{message}</p>;
}
