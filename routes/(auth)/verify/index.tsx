import { define } from "@/lib/define.ts";
import { page } from "@/lib/framework/handlers.ts";
import { formFields, readForm } from "@/lib/http/body.ts";
import {
  inspectLink,
  type OtherAccount,
  VERIFY_LINK_FAILED,
  verifyEmail,
} from "@/lib/auth/links.ts";
import { withSession } from "@/lib/auth/respond.ts";
import { formFailure } from "@/lib/http/errors.ts";
import { AuthCard, FormError } from "@/components/forms.tsx";
import { OtherAccountNotice } from "@/components/OtherAccountNotice.tsx";
import { ui } from "@/components/styles.ts";
import type { RouteAccess } from "@/lib/http/access.ts";
import { NO_REFERRER, openLinkPage } from "@/lib/http/link_page.ts";

interface Data {
  token: string;
  valid: boolean;
  other: OtherAccount | null;
  /** Why the link did not work, after trying it. */
  error?: string;
}

const TITLE = "Verify your email address";

export const access: RouteAccess = "page";

// Opening the link shows a button; the POST does the work. Mail scanners that fetch links
// therefore cannot use up the single-use token, and GET changes nothing. A browser signed in
// as someone else is asked first: the form then carries sign_out=1.
export const handler = define.handlers({
  async GET(ctx) {
    const { token, link, options } = await openLinkPage(ctx, TITLE, "verify");
    return page<Data>({ token, valid: !!link, other: link?.other ?? null }, options);
  },
  async POST(ctx) {
    ctx.state.title = TITLE;
    const f = formFields(await readForm(ctx.req));
    const token = f.token ?? "";
    const { services, actor } = ctx.state;
    let result;
    try {
      result = await verifyEmail(services, actor, { token }, { signOut: f.sign_out === "1" });
    } catch (error) {
      const failure = formFailure(error);
      if (!failure) throw error;
      const options = { status: failure.status, headers: NO_REFERRER };
      if (failure.status === 409) {
        const link = await inspectLink(services, actor, { token, purpose: "verify" });
        return page<Data>({ token, valid: true, other: link?.other ?? null }, options);
      }
      const message = failure.issues.length > 0 ? VERIFY_LINK_FAILED : failure.message;
      return page<Data>({ token: "", valid: false, other: null, error: message }, options);
    }
    const headers = { location: "/dashboard?notice=verified", ...NO_REFERRER };
    return new Response(null, {
      status: 303,
      headers: result.sessionToken
        ? withSession(headers, result.sessionToken, ctx.state.services.config.secureCookies)
        : headers,
    });
  },
});

export default define.page<typeof handler>(function Verify({ data }) {
  if (!data.valid) {
    return (
      <AuthCard
        title="This link does not work"
        footer={<a href="/login" class={ui.link}>Sign in</a>}
      >
        <FormError
          message={data.error ?? "This verification link is invalid, already used or expired."}
        />
        <p class="text-sm text-slate-700">
          Verification links work once, for 24 hours, and end when the address is verified or the
          password changes. <a href="/verify/resend" class={ui.link}>Send a new one</a>.
        </p>
      </AuthCard>
    );
  }
  if (data.other) {
    return (
      <OtherAccountNotice
        {...data.other}
        purpose={`verifies ${data.other.linkFor}, signed in as that account`}
      >
        <form method="post" action="/verify">
          <input type="hidden" name="token" value={data.token} />
          <input type="hidden" name="sign_out" value="1" />
          <button type="submit" class={`${ui.buttonPrimary} w-full`}>
            Sign out and verify {data.other.linkFor}
          </button>
        </form>
      </OtherAccountNotice>
    );
  }
  return (
    <AuthCard
      title="Verify your email address"
      subtitle="One click confirms the address and signs you in."
    >
      <form method="post" action="/verify" class="space-y-5">
        <input type="hidden" name="token" value={data.token} />
        <button type="submit" class={`${ui.buttonPrimary} w-full`}>Verify email address</button>
      </form>
    </AuthCard>
  );
});
