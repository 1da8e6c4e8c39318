import { define } from "@/lib/define.ts";
import { page } from "@/lib/framework/handlers.ts";
import { formFields, readForm } from "@/lib/http/body.ts";
import { verifyEmail } from "@/lib/auth/flows.ts";
import { requestMeta } from "@/lib/auth/guards.ts";
import { peekEmailToken } from "@/lib/auth/email_tokens.ts";
import { withSession } from "@/lib/auth/respond.ts";
import { AuthCard, FormError } from "@/components/forms.tsx";
import { ui } from "@/components/styles.ts";
import type { RouteAccess } from "@/lib/http/access.ts";

interface Data {
  token: string;
  valid: boolean;
}

const NO_REFERRER = { "referrer-policy": "no-referrer" };

export const access: RouteAccess = "page";

// Opening the link shows a button; the POST does the work. Mail scanners that fetch links
// therefore cannot use up the single-use token, and GET changes nothing.
export const handler = define.handlers({
  async GET(ctx) {
    ctx.state.title = "Verify your email address";
    const token = ctx.url.searchParams.get("token") ?? "";
    const { db, clock } = ctx.state.services;
    const valid = await peekEmailToken(db, { token, purpose: "verify" }, clock());
    return page<Data>({ token, valid }, { status: valid ? 200 : 400, headers: NO_REFERRER });
  },
  async POST(ctx) {
    ctx.state.title = "Verify your email address";
    const f = formFields(await readForm(ctx.req));
    const result = await verifyEmail(ctx.state.services, f.token ?? "", {
      ...requestMeta(ctx),
      signedInUserId: ctx.state.session ? ctx.state.user?.userId : null,
    });
    if (!result) {
      return page<Data>({ token: "", valid: false }, { status: 400, headers: NO_REFERRER });
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
        <FormError message="This verification link is invalid, already used or expired." />
        <p class="text-sm text-slate-700">
          Verification links work once, for 24 hours.{" "}
          <a href="/verify/resend" class={ui.link}>Send a new one</a>.
        </p>
      </AuthCard>
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
