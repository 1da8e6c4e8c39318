import { define } from "@/lib/define.ts";
import { type EmailLinkData, emailLinkHandlers } from "@/lib/http/email_link.ts";
import { requestPasswordReset } from "@/lib/auth/mail_links.ts";
import { EmailRequestCard } from "@/components/forms.tsx";
import type { RouteAccess } from "@/lib/http/access.ts";

export const access: RouteAccess = "page";

export const handler = emailLinkHandlers({
  title: "Reset your password",
  send: requestPasswordReset,
});

export default define.page<typeof handler>(function Forgot({ data }: { data: EmailLinkData }) {
  return (
    <EmailRequestCard
      title="Reset your password"
      subtitle="Enter the address you signed up with and we will mail you a link."
      button="Send reset link"
      email={data.email}
      error={data.error}
      formError={data.formError}
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
