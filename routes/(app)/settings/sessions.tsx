import { define } from "@/lib/define.ts";
import { page } from "@/lib/framework/handlers.ts";
import { HttpError } from "@/lib/framework/http_error.ts";
import { formFields, readForm } from "@/lib/http/body.ts";
import { listOwnSessions, revokeOtherSessions, revokeSession } from "@/lib/auth/manage.ts";
import { SettingsNav } from "@/components/SettingsNav.tsx";
import { Notice } from "@/components/forms.tsx";
import { RelativeTime } from "@/components/time.tsx";
import { describeUserAgent } from "@/components/user_agent.ts";
import { ui } from "@/components/styles.ts";
import type { RouteAccess } from "@/lib/http/access.ts";

const NOTICES: Record<string, string> = {
  revoked: "The session was signed out.",
  revoked_others: "Every other session was signed out.",
};

export const access: RouteAccess = "session";

export const handler = define.handlers({
  async GET(ctx) {
    ctx.state.title = "Sessions";
    const { sessions, currentId } = await listOwnSessions(ctx.state.services, ctx.state.actor);
    return page({
      sessions,
      currentId,
      now: ctx.state.services.clock(),
      notice: NOTICES[ctx.url.searchParams.get("notice") ?? ""] ?? null,
    });
  },
  async POST(ctx) {
    const { services, actor } = ctx.state;
    const f = formFields(await readForm(ctx.req));
    if (f.action === "revoke_others") {
      await revokeOtherSessions(services, actor);
      return ctx.redirect("/settings/sessions?notice=revoked_others", 303);
    }
    if (f.action === "revoke") {
      await revokeSession(services, actor, { id: f.id ?? "" });
      const self = actor.kind === "user" && actor.via === "session" && actor.sessionId === f.id;
      return ctx.redirect(
        self ? "/login?notice=signed_out" : "/settings/sessions?notice=revoked",
        303,
      );
    }
    throw new HttpError(400, "Unknown action; use revoke (with an id) or revoke_others");
  },
});

export default define.page<typeof handler>(function Sessions({ data, url }) {
  const others = data.sessions.filter((s) => s.id !== data.currentId).length;
  return (
    <div class="space-y-6">
      <h1 class={ui.h1}>Settings</h1>
      <SettingsNav path={url.pathname} />
      {data.notice && <Notice tone="success">{data.notice}</Notice>}
      <div class="flex flex-wrap items-center justify-between gap-3">
        <p class={ui.muted}>
          Browsers signed in to your account. Sessions end after 14 days without use, and 30 days
          after sign-in.
        </p>
        {others > 0 && (
          <form method="post">
            <input type="hidden" name="action" value="revoke_others" />
            <button type="submit" class={ui.buttonSecondary}>
              Sign out {others} other session{others === 1 ? "" : "s"}
            </button>
          </form>
        )}
      </div>
      <ul class="divide-y divide-slate-100 rounded-lg bg-white ring-1 ring-slate-200">
        {data.sessions.map((s) => (
          <li class="flex flex-wrap items-center gap-4 px-4 py-3">
            <div class="min-w-0 flex-1 space-y-0.5">
              <p class="font-medium text-slate-900">
                {describeUserAgent(s.userAgent)}
                {s.id === data.currentId && (
                  <span class="ml-2 rounded-full bg-indigo-50 px-2 py-0.5 text-xs font-medium text-indigo-700 ring-1 ring-indigo-200">
                    this device
                  </span>
                )}
              </p>
              <p class="text-xs text-slate-500">
                <span class="font-mono">{s.ip ?? "unknown address"}</span> · signed in{" "}
                <RelativeTime date={s.createdAt} now={data.now} /> · last seen{" "}
                <RelativeTime date={s.lastSeenAt} now={data.now} />
              </p>
            </div>
            <form method="post">
              <input type="hidden" name="action" value="revoke" />
              <input type="hidden" name="id" value={s.id} />
              <button type="submit" class={ui.buttonSmall}>
                {s.id === data.currentId ? "Sign out" : "Revoke"}
              </button>
            </form>
          </li>
        ))}
      </ul>
    </div>
  );
});
