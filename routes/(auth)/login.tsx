import { define } from "@/lib/define.ts";
import { page } from "@/lib/framework/handlers.ts";
import { formFields, readForm } from "@/lib/http/body.ts";
import { type FieldErrors, logIn } from "@/lib/auth/flows.ts";
import { requestMeta } from "@/lib/auth/guards.ts";
import { safeNext, withSession } from "@/lib/auth/respond.ts";
import { AuthCard, Field, FormError, Notice } from "@/components/forms.tsx";
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
    const next = safeNext(ctx.url.searchParams.get("next"));
    if (ctx.state.user) return ctx.redirect(next, 303);
    ctx.state.title = "Sign in";
    const notice = NOTICES[ctx.url.searchParams.get("notice") ?? ""] ?? null;
    return page<Data>({ email: "", next, errors: {}, notice });
  },
  async POST(ctx) {
    ctx.state.title = "Sign in";
    const f = formFields(await readForm(ctx.req, { maxBytes: 2 * 1024 * 1024 }));
    const next = safeNext(f.next);
    const result = await logIn(ctx.state.services, {
      email: f.email ?? "",
      password: f.password ?? "",
    }, requestMeta(ctx));
    if ("errors" in result) {
      return page<Data>({ email: f.email ?? "", next, errors: result.errors, notice: null }, {
        status: 400,
      });
    }
    return new Response(null, {
      status: 303,
      headers: withSession(
        { location: next },
        result.sessionToken,
        ctx.state.services.config.secureCookies,
      ),
    });
  },
});

export default define.page<typeof handler>(function Login({ data }) {
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
        <Field
          label="Email"
          name="email"
          type="email"
          autocomplete="email"
          required
          value={data.email}
          autofocus
        />
        <div class="space-y-1.5">
          <Field
            label="Password"
            name="password"
            type="password"
            autocomplete="current-password"
            required
            error={data.errors.password}
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
