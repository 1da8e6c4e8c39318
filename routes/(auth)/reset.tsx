import { define } from "@/lib/define.ts";
import { page } from "@/lib/framework/handlers.ts";
import { formFields, readForm } from "@/lib/http/body.ts";
import {
  inspectLink,
  type OtherAccount,
  RESET_LINK_FAILED,
  resetPassword,
} from "@/lib/auth/links.ts";
import { withSession } from "@/lib/auth/respond.ts";
import { type FieldErrors, fieldErrors, formFailure } from "@/lib/http/errors.ts";
import { AuthCard, FormError } from "@/components/forms.tsx";
import { PasswordField, RevokeTokensChoice } from "@/components/AccountFields.tsx";
import { OtherAccountNotice } from "@/components/OtherAccountNotice.tsx";
import { ui } from "@/components/styles.ts";
import type { RouteAccess } from "@/lib/http/access.ts";
import { NO_REFERRER, openLinkPage } from "@/lib/http/link_page.ts";

interface Data {
  token: string;
  valid: boolean;
  errors: FieldErrors;
  /** Signed in as another account than the link's: the form then carries sign_out=1. */
  other: OtherAccount | null;
  /** The account's working API tokens, which the form offers to revoke too. */
  apiTokens: number;
  revokeTokens: boolean;
}

const TITLE = "Choose a new password";

export const access: RouteAccess = "page";

export const handler = define.handlers({
  async GET(ctx) {
    const { token, link, options } = await openLinkPage(ctx, TITLE, "reset");
    return page<Data>({
      token,
      valid: !!link,
      errors: {},
      other: link?.other ?? null,
      apiTokens: link?.apiTokens ?? 0,
      revokeTokens: false,
    }, options);
  },
  async POST(ctx) {
    ctx.state.title = TITLE;
    const f = formFields(await readForm(ctx.req, { maxBytes: 2 * 1024 * 1024 }));
    const token = f.token ?? "";
    const revokeTokens = f.revoke_tokens === "1";
    const { services, actor } = ctx.state;
    let signedIn;
    try {
      signedIn = await resetPassword(services, actor, {
        token,
        password: f.password ?? "",
        revoke_tokens: revokeTokens,
      }, { signOut: f.sign_out === "1" });
    } catch (error) {
      const failure = formFailure(error);
      if (!failure) throw error;
      // The form again (naming both accounts when signed in as another), or "does not work".
      const conflict = failure.status === 409;
      const errors = conflict ? {} : fieldErrors(failure, ["password"]);
      // A malformed token is one more link that does not work.
      if (errors.form && failure.issues.length > 0) errors.form = RESET_LINK_FAILED;
      const link = errors.form ? null : await inspectLink(services, actor, {
        token,
        purpose: "reset",
      });
      return page<Data>({
        token,
        valid: !!link,
        errors,
        other: link?.other ?? null,
        apiTokens: link?.apiTokens ?? 0,
        revokeTokens,
      }, {
        status: failure.status,
        headers: NO_REFERRER,
      });
    }
    return new Response(null, {
      status: 303,
      headers: withSession(
        {
          location: `/dashboard?notice=${
            signedIn.revokedTokens > 0 ? "password_reset_tokens_revoked" : "password_reset"
          }`,
          ...NO_REFERRER,
        },
        signedIn.sessionToken,
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
  const form = (
    <form method="post" action="/reset" class="space-y-5" novalidate>
      <input type="hidden" name="token" value={data.token} />
      {data.other && <input type="hidden" name="sign_out" value="1" />}
      <PasswordField
        kind="new"
        label="New password"
        error={data.errors.password}
        autofocus
      />
      <RevokeTokensChoice count={data.apiTokens} checked={data.revokeTokens} />
      <button type="submit" class={`${ui.buttonPrimary} w-full`}>
        {data.other
          ? `Sign out and set the password of ${data.other.linkFor}`
          : "Set password and sign in"}
      </button>
    </form>
  );
  if (data.other) {
    return (
      <OtherAccountNotice
        {...data.other}
        purpose={`sets the password of ${data.other.linkFor}, signed in as that account`}
      >
        {form}
      </OtherAccountNotice>
    );
  }
  return (
    <AuthCard
      title="Choose a new password"
      subtitle="Every session of your account will be signed out."
    >
      {form}
    </AuthCard>
  );
});
