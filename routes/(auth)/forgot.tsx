import { define } from "@/lib/define.ts";
import { page } from "@/lib/framework/handlers.ts";
import { formFields, readForm } from "@/lib/http/body.ts";
import { type FieldErrors, requestPasswordReset } from "@/lib/auth/flows.ts";
import { requestMeta } from "@/lib/auth/guards.ts";
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
    ctx.state.title = "Reset your password";
    return page<Data>({ email: "", errors: {}, sent: false });
  },
  async POST(ctx) {
    ctx.state.title = "Reset your password";
    const f = formFields(await readForm(ctx.req));
    const email = f.email ?? "";
    const result = await requestPasswordReset(ctx.state.services, email, requestMeta(ctx));
    if ("errors" in result) {
      return page<Data>({ email, errors: result.errors, sent: false }, { status: 400 });
    }
    return page<Data>({ email, errors: {}, sent: true });
  },
});

export default define.page<typeof handler>(function Forgot({ data }) {
  return (
    <EmailRequestCard
      title="Reset your password"
      subtitle="Enter the address you signed up with and we will mail you a link."
      button="Send reset link"
      email={data.email}
      error={data.errors.email}
      sent={data.sent && (
        <>
          If an account uses{" "}
          <strong>{data.email}</strong>, we sent it a link to choose a new password. The link works
          once, for 1 hour.
        </>
      )}
    />
  );
});
