import { define } from "@/lib/define.ts";
import { page } from "@/lib/framework/handlers.ts";
import { formFields, readForm } from "@/lib/http/body.ts";
import { changePassword } from "@/lib/auth/signin.ts";
import { countOwnWorkingTokens } from "@/lib/auth/manage.ts";
import { withSession } from "@/lib/auth/respond.ts";
import { type FieldErrors, fieldErrors, formFailure } from "@/lib/http/errors.ts";
import { SettingsNav } from "@/components/SettingsNav.tsx";
import { focusTarget, FormError, Notice } from "@/components/forms.tsx";
import { PasswordField, RevokeTokensChoice } from "@/components/AccountFields.tsx";
import { VerifyBanner } from "@/components/VerifyBanner.tsx";
import { exactTime } from "@/components/time.tsx";
import { ui } from "@/components/styles.ts";
import type { RouteAccess } from "@/lib/http/access.ts";

interface Data {
  errors: FieldErrors;
  /** After a change: how many API tokens it revoked. */
  changed: { revokedTokens: number } | null;
  /** The working API tokens the form offers to revoke too, and whether that was ticked. */
  apiTokens: number;
  revokeTokens: boolean;
}

const FIELDS = ["current_password", "password"] as const;

export const access: RouteAccess = "session";

export const handler = define.handlers({
  async GET(ctx) {
    ctx.state.title = "Account settings";
    const q = ctx.url.searchParams;
    return page<Data>({
      errors: {},
      changed: q.get("notice") === "password_changed"
        ? { revokedTokens: Number(q.get("tokens_revoked")) || 0 }
        : null,
      apiTokens: await countOwnWorkingTokens(ctx.state.services, ctx.state.actor),
      revokeTokens: false,
    });
  },
  async POST(ctx) {
    ctx.state.title = "Account settings";
    const f = formFields(await readForm(ctx.req, { maxBytes: 2 * 1024 * 1024 }));
    const revokeTokens = f.revoke_tokens === "1";
    let signedIn;
    try {
      signedIn = await changePassword(ctx.state.services, ctx.state.actor, {
        current_password: f.current_password ?? "",
        password: f.password ?? "",
        revoke_tokens: revokeTokens,
      });
    } catch (error) {
      const failure = formFailure(error);
      if (!failure) throw error;
      const errors = fieldErrors(failure, FIELDS);
      const apiTokens = await countOwnWorkingTokens(ctx.state.services, ctx.state.actor);
      return page<Data>({ errors, changed: null, apiTokens, revokeTokens }, {
        status: failure.status,
        headers: failure.headers,
      });
    }
    return new Response(null, {
      status: 303,
      headers: withSession(
        {
          location: signedIn.revokedTokens > 0
            ? `/settings?notice=password_changed&tokens_revoked=${signedIn.revokedTokens}`
            : "/settings?notice=password_changed",
        },
        signedIn.sessionToken,
        ctx.state.services.config.secureCookies,
      ),
    });
  },
});

export default define.page<typeof handler>(function AccountSettings({ data, state, url }) {
  const user = state.user!;
  const focus = focusTarget(data.errors, FIELDS, data.errors.form ? "current_password" : undefined);
  const revoked = data.changed?.revokedTokens ?? 0;
  return (
    <div class="space-y-6">
      <h1 class={ui.h1}>Settings</h1>
      <SettingsNav path={url.pathname} />
      {data.changed && (
        <Notice tone="success">
          Your password was changed. Every other session was signed out
          {revoked > 0
            ? ` and ${revoked === 1 ? "1 API token was" : `${revoked} API tokens were`} revoked.`
            : "; your API tokens keep working."}
        </Notice>
      )}
      {!user.emailVerifiedAt && <VerifyBanner email={user.email} />}
      <section class={`${ui.card} p-6`} aria-labelledby="account">
        <h2 id="account" class={ui.h2}>Account</h2>
        <dl class="mt-4 grid gap-x-6 gap-y-3 sm:grid-cols-[10rem_1fr] text-sm">
          <dt class="text-slate-500">Email</dt>
          <dd class="text-slate-900">
            {user.email} {user.emailVerifiedAt
              ? (
                <span class="ml-1 rounded-full bg-emerald-50 px-2 py-0.5 text-xs font-medium text-emerald-700 ring-1 ring-emerald-200">
                  verified
                </span>
              )
              : (
                <span class="ml-1 rounded-full bg-amber-50 px-2 py-0.5 text-xs font-medium text-amber-800 ring-1 ring-amber-200">
                  not verified
                </span>
              )}
          </dd>
          <dt class="text-slate-500">Handle</dt>
          <dd class="font-mono text-slate-900">@{user.handle}</dd>
          <dt class="text-slate-500">Member since</dt>
          <dd class="text-slate-900">{exactTime(user.createdAt)}</dd>
        </dl>
      </section>
      <section class={`${ui.card} p-6 max-w-xl`} aria-labelledby="password">
        <h2 id="password" class={ui.h2}>Change password</h2>
        <p class="mt-1 text-sm text-slate-600">
          Every other session will be signed out.
        </p>
        <form method="post" class="mt-5 space-y-5" novalidate>
          <FormError message={data.errors.form} />
          <PasswordField
            kind="current"
            label="Current password"
            name="current_password"
            error={data.errors.current_password}
            autofocus={focus === "current_password"}
          />
          <PasswordField
            kind="new"
            label="New password"
            error={data.errors.password}
            autofocus={focus === "password"}
          />
          <RevokeTokensChoice count={data.apiTokens} checked={data.revokeTokens} />
          <button type="submit" class={ui.buttonPrimary}>Change password</button>
        </form>
      </section>
    </div>
  );
});
