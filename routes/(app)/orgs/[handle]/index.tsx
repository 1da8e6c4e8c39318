import { define } from "@/lib/define.ts";
import { page } from "@/lib/framework/handlers.ts";
import { listOrgMembers } from "@/lib/orgs/members.ts";
import { listTeams } from "@/lib/orgs/teams.ts";
import { listInvitations } from "@/lib/orgs/invitations.ts";
import { Notice } from "@/components/forms.tsx";
import { OrgHeader, ROLE_LABELS } from "@/components/orgs/OrgHeader.tsx";
import { ui } from "@/components/styles.ts";
import type { RouteAccess } from "@/lib/http/access.ts";

const NOTICES: Record<string, string> = {
  created: "The organization is ready. Invite people on the Members tab.",
  joined: "You joined the organization.",
};

export const access: RouteAccess = "session";

export const handler = define.handlers({
  async GET(ctx) {
    const { services: s, actor } = ctx.state;
    const org = ctx.params.handle!;
    const { members, role, org: found } = await listOrgMembers(s, actor, { org });
    const { teams } = await listTeams(s, actor, { org });
    const invitations = role === "member"
      ? []
      : (await listInvitations(s, actor, { org })).invitations;
    ctx.state.title = found.displayName;
    return page({
      org: found,
      role,
      members,
      teams,
      invitations,
      notice: NOTICES[ctx.url.searchParams.get("notice") ?? ""] ?? null,
    });
  },
});

export default define.page<typeof handler>(function OrgOverview({ data, url }) {
  const base = `/orgs/${data.org.handle}`;
  return (
    <div class="space-y-6">
      <OrgHeader org={data.org} role={data.role} path={url.pathname} />
      {data.notice && <Notice tone="success">{data.notice}</Notice>}
      {data.org.description && <p class="text-slate-700">{data.org.description}</p>}
      <div class="grid gap-6 md:grid-cols-2">
        <section class={`${ui.card} p-5 space-y-3`} aria-labelledby="members">
          <div class="flex items-baseline justify-between">
            <h2 id="members" class={ui.h2}>Members ({data.members.length})</h2>
            <a href={`${base}/members`} class={`text-sm ${ui.link}`}>Manage</a>
          </div>
          <ul class="divide-y divide-slate-100 text-sm">
            {data.members.map((m) => (
              <li class="flex justify-between gap-2 py-2">
                <a href={`/@${m.handle}`} class={`font-mono ${ui.link}`}>@{m.handle}</a>
                <span class="text-slate-600">{ROLE_LABELS[m.role]}</span>
              </li>
            ))}
          </ul>
        </section>
        <section class={`${ui.card} p-5 space-y-3`} aria-labelledby="teams">
          <div class="flex items-baseline justify-between">
            <h2 id="teams" class={ui.h2}>Teams ({data.teams.length})</h2>
            <a href={`${base}/teams`} class={`text-sm ${ui.link}`}>All teams</a>
          </div>
          {data.teams.length === 0
            ? <p class="text-sm text-slate-500">No teams yet.</p>
            : (
              <ul class="divide-y divide-slate-100 text-sm">
                {data.teams.map((t) => (
                  <li class="py-2">
                    <a href={`${base}/teams/${t.slug}`} class={ui.link}>{t.name}</a>{" "}
                    <span class="font-mono text-slate-500">{t.slug}</span>
                  </li>
                ))}
              </ul>
            )}
        </section>
      </div>
      {data.role !== "member" && (
        <section class={`${ui.card} p-5 space-y-3`} aria-labelledby="pending">
          <h2 id="pending" class={ui.h2}>Pending invitations ({data.invitations.length})</h2>
          {data.invitations.length === 0
            ? <p class="text-sm text-slate-500">No pending invitations.</p>
            : (
              <ul class="divide-y divide-slate-100 text-sm">
                {data.invitations.map((i) => (
                  <li class="flex justify-between gap-2 py-2">
                    <span class="break-all">{i.email}</span>
                    <span class="text-slate-600">{ROLE_LABELS[i.role]}</span>
                  </li>
                ))}
              </ul>
            )}
        </section>
      )}
    </div>
  );
});
