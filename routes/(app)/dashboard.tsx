import { define } from "@/lib/define.ts";
import { page } from "@/lib/framework/handlers.ts";
import { readAuditLog } from "@/lib/audit/read.ts";
import { Notice } from "@/components/forms.tsx";
import { VerifyBanner } from "@/components/VerifyBanner.tsx";
import { AuditTable } from "@/components/AuditTable.tsx";
import { ui } from "@/components/styles.ts";
import type { RouteAccess } from "@/lib/http/access.ts";

const NOTICES: Record<string, string> = {
  verified: "Your email address is verified. You can publish packages now.",
  verification_sent: "We sent a new verification link. It works once, for 24 hours.",
  password_reset: "Your password was changed. Every other session was signed out; your API " +
    "tokens keep working.",
  password_reset_tokens_revoked:
    "Your password was changed. Every other session was signed out and your API tokens were revoked.",
};

export const access: RouteAccess = "session";

export const handler = define.handlers({
  async GET(ctx) {
    ctx.state.title = "Dashboard";
    const { services, actor } = ctx.state;
    const { events } = await readAuditLog(services, actor, { limit: 8 });
    return page({
      events,
      now: services.clock(),
      notice: NOTICES[ctx.url.searchParams.get("notice") ?? ""] ?? null,
    });
  },
});

export default define.page<typeof handler>(function Dashboard({ data, state }) {
  const user = state.user!;
  return (
    <div class="space-y-8">
      <div class="space-y-1">
        <h1 class={ui.h1}>Welcome, @{user.handle}</h1>
        <p class={ui.muted}>Your packages, the contexts that run them, and your account.</p>
      </div>
      {data.notice && <Notice tone="success">{data.notice}</Notice>}
      {!user.emailVerifiedAt && <VerifyBanner email={user.email} />}
      <div class="grid gap-4 sm:grid-cols-3">
        <Tile
          href="/packages"
          title="Packages"
          body="Publish signed bundles, manage versions and visibility."
        />
        <Tile
          href="/contexts"
          title="Contexts"
          body="See running and recent contexts and read their logs."
        />
        <Tile
          href="/settings/tokens"
          title="API tokens"
          body="Let your CI publish and your runtimes report in."
        />
      </div>
      <section class="space-y-3" aria-labelledby="activity">
        <div class="flex items-baseline justify-between">
          <h2 id="activity" class={ui.h2}>Recent activity</h2>
          <a href="/settings/audit" class={`text-sm ${ui.link}`}>Full audit log</a>
        </div>
        <AuditTable events={data.events} now={data.now} />
      </section>
    </div>
  );
});

function Tile(props: { href: string; title: string; body: string }) {
  return (
    <a
      href={props.href}
      class={`${ui.card} ${ui.focus} block p-5 hover:ring-indigo-300 transition`}
    >
      <h2 class="font-semibold text-slate-900">{props.title}</h2>
      <p class="mt-1 text-sm text-slate-600">{props.body}</p>
    </a>
  );
}
