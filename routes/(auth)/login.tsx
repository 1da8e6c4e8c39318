import { type Ctx, define } from "@/lib/define.ts";
import { page } from "@/lib/framework/handlers.ts";
import { formFields, readForm } from "@/lib/http/body.ts";
import { signIn } from "@/lib/auth/signin.ts";
import { withSession } from "@/lib/auth/respond.ts";
import { type FieldErrors, fieldErrors, formFailure } from "@/lib/http/errors.ts";
import { redirectTarget } from "@/lib/framework/redirect.ts";
import { AuthCard, focusTarget, FormError, Notice } from "@/components/forms.tsx";
import { EmailField, PasswordField } from "@/components/AccountFields.tsx";
import { ui } from "@/components/styles.ts";
import type { RouteAccess } from "@/lib/http/access.ts";

interface Data {
  email: string;
  next: string;
  errors: FieldErrors;
  notice: string | null;
}

const NOTICES: Record<string, string> = {
  signed_out: "You are signed out.",
  session_expired: "Your session ended. Sign in again to continue.",
};

export const access: RouteAccess = "page";

export const handler = define.handlers({
  GET(ctx) {
    const next = nextPath(ctx, ctx.url.searchParams.get("next"));
    if (ctx.state.user) return ctx.redirect(next, 303);
    ctx.state.title = "Sign in";
    const notice = NOTICES[ctx.url.searchParams.get("notice") ?? ""] ?? null;
    return page<Data>({ email: "", next, errors: {}, notice });
  },
  async POST(ctx) {
    ctx.state.title = "Sign in";
    const f = formFields(await readForm(ctx.req, { maxBytes: 2 * 1024 * 1024 }));
    const next = nextPath(ctx, f.next);
    const email = f.email ?? "";
    let signedIn;
    try {
      signedIn = await signIn(ctx.state.services, ctx.state.actor, {
        email,
        password: f.password ?? "",
      });
    } catch (error) {
      const failure = formFailure(error);
      if (!failure) throw error;
      const errors = fieldErrors(failure, ["email", "password"]);
      return page<Data>({ email, next, errors, notice: null }, {
        status: failure.status,
        headers: failure.headers,
      });
    }
    return new Response(null, {
      status: 303,
      headers: withSession(
        { location: next },
        signedIn.sessionToken,
        ctx.state.services.config.secureCookies,
      ),
    });
  },
});

export default define.page<typeof handler>(function Login({ data }) {
  const focus = focusTarget(data.errors, ["email", "password"], "email");
  return (
    <AuthCard
      title="Sign in"
      subtitle="Welcome back."
      footer={
        <>
          <p>
            New here? <a href="/signup" class={ui.link}>Create an account</a>
          </p>
          <p>
            No verification email? <a href="/verify/resend" class={ui.link}>Send it again</a>
          </p>
        </>
      }
    >
      {data.notice && <Notice>{data.notice}</Notice>}
      <form method="post" class="space-y-5" novalidate>
        <FormError message={data.errors.form} />
        <input type="hidden" name="next" value={data.next} />
        <EmailField value={data.email} error={data.errors.email} autofocus={focus === "email"} />
        <div class="space-y-1.5">
          <PasswordField
            kind="current"
            error={data.errors.password}
            autofocus={focus === "password"}
          />
          <p class="text-right text-sm">
            <a href="/forgot" class={ui.link}>Forgot your password?</a>
          </p>
        </div>
        <button type="submit" class={`${ui.buttonPrimary} w-full`}>Sign in</button>
      </form>
    </AuthCard>
  );
});

/** Where to go after signing in: `next` when it is a path on this site, else the dashboard. */
function nextPath(ctx: Ctx, next: string | null | undefined): string {
  return redirectTarget(next, {
    origin: ctx.state.services.config.publicOrigin,
    fallback: "/dashboard",
  });
}
