import { define } from "@/lib/define.ts";
import { page } from "@/lib/framework/handlers.ts";
import { formFields, readForm } from "@/lib/http/body.ts";
import { type FieldErrors, resendVerification, resendVerificationTo } from "@/lib/auth/flows.ts";
import { AuthCard, Field } from "@/components/forms.tsx";
import { ui } from "@/components/styles.ts";

interface Data {
  email: string;
  errors: FieldErrors;
  sent: boolean;
}

export const handler = define.handlers({
  GET(ctx) {
    ctx.state.title = "Resend the verification email";
    return page<Data>({ email: ctx.state.user?.email ?? "", errors: {}, sent: false });
  },
  async POST(ctx) {
    ctx.state.title = "Resend the verification email";
    const meta = { ip: ctx.state.clientIp, userAgent: ctx.state.userAgent };
    const { user, session } = ctx.state;
    if (user && session) {
      // From the dashboard banner: always the signed-in account's own address.
      await resendVerification(ctx.state.services, user, meta);
      return ctx.redirect("/dashboard?notice=verification_sent", 303);
    }
    const f = formFields(await readForm(ctx.req));
    const email = f.email ?? "";
    const result = await resendVerificationTo(ctx.state.services, email, meta);
    if ("errors" in result) {
      return page<Data>({ email, errors: result.errors, sent: false }, { status: 400 });
    }
    return page<Data>({ email, errors: {}, sent: true });
  },
});

export default define.page<typeof handler>(function Resend({ data }) {
  if (data.sent) {
    return (
      <AuthCard
        title="Check your email"
        footer={<a href="/login" class={ui.link}>Back to sign in</a>}
      >
        <p class="text-sm text-slate-700 leading-relaxed">
          If <strong>{data.email}</strong>{" "}
          belongs to an account that is not verified yet, we sent it a new link. It works once, for
          24 hours.
        </p>
      </AuthCard>
    );
  }
  return (
    <AuthCard
      title="Resend the verification email"
      subtitle="Enter the address you signed up with."
      footer={<a href="/login" class={ui.link}>Back to sign in</a>}
    >
      <form method="post" class="space-y-5" novalidate>
        <Field
          label="Email"
          name="email"
          type="email"
          autocomplete="email"
          required
          value={data.email}
          error={data.errors.email}
          autofocus
        />
        <button type="submit" class={`${ui.buttonPrimary} w-full`}>Send verification link</button>
      </form>
    </AuthCard>
  );
});
