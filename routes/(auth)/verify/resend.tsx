import { define } from "@/lib/define.ts";
import { type EmailLinkData, emailLinkHandlers } from "@/lib/http/email_link.ts";
import { resendVerification } from "@/lib/auth/mail_links.ts";
import { EmailRequestCard } from "@/components/forms.tsx";
import type { RouteAccess } from "@/lib/http/access.ts";

export const access: RouteAccess = "page";

// From the dashboard banner (signed in), always the account's own address.
export const handler = emailLinkHandlers({
  title: "Resend the verification email",
  send: resendVerification,
  signedIn: { redirect: "/dashboard?notice=verification_sent" },
});

export default define.page<typeof handler>(function Resend({ data }: { data: EmailLinkData }) {
  return (
    <EmailRequestCard
      title="Resend the verification email"
      subtitle="Enter the address you signed up with."
      button="Send verification link"
      email={data.email}
      error={data.error}
      formError={data.formError}
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
