import { define } from "@/lib/define.ts";
import { page } from "@/lib/framework/handlers.ts";
import { formFields, readForm } from "@/lib/http/body.ts";
import { type FieldErrors, resetPassword } from "@/lib/auth/flows.ts";
import { requestMeta } from "@/lib/auth/guards.ts";
import { peekEmailToken } from "@/lib/auth/email_tokens.ts";
import { withSession } from "@/lib/auth/respond.ts";
import { AuthCard, Field, FormError } from "@/components/forms.tsx";
import { ui } from "@/components/styles.ts";
import { PASSWORD_LENGTH_RULE } from "@/lib/auth/password.ts";
import type { RouteAccess } from "@/lib/http/access.ts";

interface Data {
  token: string;
  valid: boolean;
  errors: FieldErrors;
}

// The token is in the URL: the page must not leak it through the Referer header.
const NO_REFERRER = { "referrer-policy": "no-referrer" };

export const access: RouteAccess = "page";

export const handler = define.handlers({
  async GET(ctx) {
    ctx.state.title = "Choose a new password";
    const token = ctx.url.searchParams.get("token") ?? "";
    const { db, clock } = ctx.state.services;
    const valid = await peekEmailToken(db, { token, purpose: "reset" }, clock());
    return page<Data>({ token, valid, errors: {} }, {
      status: valid ? 200 : 400,
      headers: NO_REFERRER,
    });
  },
  async POST(ctx) {
    ctx.state.title = "Choose a new password";
    const f = formFields(await readForm(ctx.req, { maxBytes: 2 * 1024 * 1024 }));
    const token = f.token ?? "";
    const result = await resetPassword(
      ctx.state.services,
      { token, password: f.password ?? "" },
      requestMeta(ctx),
    );
    if ("errors" in result) {
      return page<Data>({ token, valid: !result.errors.form, errors: result.errors }, {
        status: 400,
        headers: NO_REFERRER,
      });
    }
    return new Response(null, {
      status: 303,
      headers: withSession(
        { location: "/dashboard?notice=password_reset", ...NO_REFERRER },
        result.sessionToken,
        ctx.state.services.config.secureCookies,
      ),
    });
  },
});

export default define.page<typeof handler>(function Reset({ data }) {
  if (!data.valid) {
    return (
      <AuthCard
        title="This link does not work"
        footer={<a href="/login" class={ui.link}>Back to sign in</a>}
      >
        <FormError
          message={data.errors.form ?? "This reset link is invalid, already used or expired."}
        />
        <p class="text-sm text-slate-700">
          Reset links work once, for 1 hour.{" "}
          <a href="/forgot" class={ui.link}>Ask for a new one</a>.
        </p>
      </AuthCard>
    );
  }
  return (
    <AuthCard
      title="Choose a new password"
      subtitle="Every other session and every API token of your account will be signed out."
    >
      <form method="post" action="/reset" class="space-y-5" novalidate>
        <input type="hidden" name="token" value={data.token} />
        <Field
          label="New password"
          name="password"
          type="password"
          autocomplete="new-password"
          required
          error={data.errors.password}
          hint={`${PASSWORD_LENGTH_RULE} A few unrelated words make a strong one.`}
          autofocus
        />
        <button type="submit" class={`${ui.buttonPrimary} w-full`}>Set password and sign in</button>
      </form>
    </AuthCard>
  );
});
