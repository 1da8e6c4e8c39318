import { define } from "@/lib/define.ts";
import { page } from "@/lib/framework/handlers.ts";
import { formFields, readForm } from "@/lib/http/body.ts";
import { signUp } from "@/lib/auth/signup.ts";
import { type FieldErrors, fieldErrors, formFailure } from "@/lib/http/errors.ts";
import { UNVERIFIED_ACCOUNT_TTL_TEXT } from "@/lib/mail/templates.ts";
import { AuthCard, focusTarget, FormError } from "@/components/forms.tsx";
import { EmailField, HandleField, PasswordField } from "@/components/AccountFields.tsx";
import { ui } from "@/components/styles.ts";
import type { RouteAccess } from "@/lib/http/access.ts";

interface Data {
  values: { email: string; handle: string };
  errors: FieldErrors;
  sent: boolean;
}

export const access: RouteAccess = "page";

const FIELDS = ["email", "handle", "password"] as const;

export const handler = define.handlers({
  GET(ctx) {
    if (ctx.state.user) return ctx.redirect("/dashboard", 303);
    ctx.state.title = "Create your account";
    return page<Data>({ values: { email: "", handle: "" }, errors: {}, sent: false });
  },
  async POST(ctx) {
    ctx.state.title = "Create your account";
    const f = formFields(await readForm(ctx.req, { maxBytes: 2 * 1024 * 1024 }));
    const values = { email: f.email ?? "", handle: f.handle ?? "" };
    try {
      await signUp(ctx.state.services, ctx.state.actor, { ...values, password: f.password ?? "" });
    } catch (error) {
      const failure = formFailure(error);
      if (!failure) throw error;
      const errors = fieldErrors(failure, FIELDS);
      return page<Data>({ values, errors, sent: false }, {
        status: failure.status,
        headers: failure.headers,
      });
    }
    ctx.state.title = "Check your email";
    return page<Data>({ values, errors: {}, sent: true });
  },
});

export default define.page<typeof handler>(function SignUp({ data }) {
  if (data.sent) {
    return (
      <AuthCard
        title="Check your email"
        subtitle={
          <>
            We sent a message to <strong>{data.values.email}</strong>.
          </>
        }
      >
        <p class="text-sm text-slate-700 leading-relaxed">
          Open the link in it to verify your address; it signs you in. The link works once, for 24
          hours. If nothing arrives within a few minutes, look in your spam folder or{" "}
          <a href="/verify/resend" class={ui.link}>send it again</a>. An account whose address is
          not verified within {UNVERIFIED_ACCOUNT_TTL_TEXT}{" "}
          is deleted, and its handle is free again.
        </p>
      </AuthCard>
    );
  }
  const focus = focusTarget(data.errors, FIELDS, "email");
  return (
    <AuthCard
      title="Create your account"
      subtitle="Publish signed skills into your own repository. Private by default."
      footer={
        <p>
          Already have an account? <a href="/login" class={ui.link}>Sign in</a>
        </p>
      }
    >
      <form method="post" class="space-y-5" novalidate>
        <FormError message={data.errors.form} />
        <EmailField
          value={data.values.email}
          error={data.errors.email}
          autofocus={focus === "email"}
        />
        <HandleField
          value={data.values.handle}
          error={data.errors.handle}
          autofocus={focus === "handle"}
        />
        <PasswordField kind="new" error={data.errors.password} autofocus={focus === "password"} />
        <button type="submit" class={`${ui.buttonPrimary} w-full`}>Create account</button>
      </form>
    </AuthCard>
  );
});
