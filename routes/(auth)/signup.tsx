import { define } from "@/lib/define.ts";
import { page } from "@/lib/framework/handlers.ts";
import { formFields, readForm } from "@/lib/http/body.ts";
import { type FieldErrors, signUp } from "@/lib/auth/flows.ts";
import { requestMeta } from "@/lib/auth/guards.ts";
import { HANDLE_RULES } from "@/lib/auth/accounts.ts";
import { AuthCard, Field, FormError } from "@/components/forms.tsx";
import { ui } from "@/components/styles.ts";
import { PASSWORD_LENGTH_RULE } from "@/lib/auth/password.ts";
import type { RouteAccess } from "@/lib/http/access.ts";

interface Data {
  values: { email: string; handle: string };
  errors: FieldErrors;
  sent: boolean;
}

export const access: RouteAccess = "page";

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
    const result = await signUp(
      ctx.state.services,
      { ...values, password: f.password ?? "" },
      requestMeta(ctx),
    );
    if ("errors" in result) {
      return page<Data>({ values, errors: result.errors, sent: false }, { status: 400 });
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
          <a href="/verify/resend" class={ui.link}>send it again</a>.
        </p>
      </AuthCard>
    );
  }
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
        <Field
          label="Email"
          name="email"
          type="email"
          autocomplete="email"
          required
          value={data.values.email}
          error={data.errors.email}
          autofocus
        />
        <Field
          label="Handle"
          name="handle"
          autocomplete="username"
          required
          value={data.values.handle}
          error={data.errors.handle}
          hint={
            <>
              Your public namespace, as in <code>/@handle/package</code>: {HANDLE_RULES}.
            </>
          }
        />
        <Field
          label="Password"
          name="password"
          type="password"
          autocomplete="new-password"
          required
          error={data.errors.password}
          hint={`${PASSWORD_LENGTH_RULE} A few unrelated words make a strong one.`}
        />
        <button type="submit" class={`${ui.buttonPrimary} w-full`}>Create account</button>
      </form>
    </AuthCard>
  );
});
