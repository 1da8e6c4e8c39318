import { define } from "@/lib/define.ts";
import { page } from "@/lib/framework/handlers.ts";
import { formFields, readForm } from "@/lib/http/body.ts";
import { type FieldErrors, resendVerification, resendVerificationTo } from "@/lib/auth/flows.ts";
import { EmailRequestCard } from "@/components/forms.tsx";
import type { RouteAccess } from "@/lib/http/access.ts";

interface Data {
  email: string;
  errors: FieldErrors;
  sent: boolean;
}

export const access: RouteAccess = "page";

export const handler = define.handlers({
  GET(ctx) {
    ctx.state.title = "Resend the verification email";
    return page<Data>({ email: ctx.state.user?.email ?? "", errors: {}, sent: false });
  },
  async POST(ctx) {
    ctx.state.title = "Resend the verification email";
    const { user, session } = ctx.state;
    if (user && session) {
      // From the dashboard banner: always the signed-in account's own address.
      await resendVerification(ctx.state.services, user);
      return ctx.redirect("/dashboard?notice=verification_sent", 303);
    }
    const f = formFields(await readForm(ctx.req));
    const email = f.email ?? "";
    const result = await resendVerificationTo(ctx.state.services, email);
    if ("errors" in result) {
      return page<Data>({ email, errors: result.errors, sent: false }, { status: 400 });
    }
    return page<Data>({ email, errors: {}, sent: true });
  },
});

export default define.page<typeof handler>(function Resend({ data }) {
  return (
    <EmailRequestCard
      title="Resend the verification email"
      subtitle="Enter the address you signed up with."
      button="Send verification link"
      email={data.email}
      error={data.errors.email}
      sent={data.sent && (
        <>
          If <strong>{data.email}</strong>{" "}
          belongs to an account that is not verified yet, we sent it a new link. It works once, for
          24 hours.
        </>
      )}
    />
  );
});
