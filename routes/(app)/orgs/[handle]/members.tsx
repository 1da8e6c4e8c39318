import { type Ctx, define } from "@/lib/define.ts";
import { page } from "@/lib/framework/handlers.ts";
import { HttpError } from "@/lib/framework/http_error.ts";
import { formFields, KiB, readForm } from "@/lib/http/body.ts";
import { type FieldErrors, fieldErrors } from "@/lib/http/errors.ts";
import { attempt, type Failure } from "@/lib/http/attempt.ts";
import { changeRole, leaveOrg, listOrgMembers, removeMember } from "@/lib/orgs/members.ts";
import { inviteMember, listInvitations, revokeInvitation } from "@/lib/orgs/invitations.ts";
import type { Services } from "@/lib/services.ts";
import type { Actor } from "@/lib/access/policy.ts";
import { Field, FormError, Notice } from "@/components/forms.tsx";
import { OrgHeader } from "@/components/orgs/OrgHeader.tsx";
import { RowAction } from "@/components/orgs/RowAction.tsx";
import { MemberRow, RoleSelect } from "@/components/orgs/MemberRow.tsx";
import { ui } from "@/components/styles.ts";
import type { RouteAccess } from "@/lib/http/access.ts";

const NOTICES: Record<string, string> = {
  invited: "The invitation is sent. It works once, for 7 days.",
  role: "The role is changed.",
  removed: "The member is removed.",
  revoked: "The invitation is revoked.",
};

export const access: RouteAccess = "session";

type Run = (s: Services, actor: Actor, org: string, f: Record<string, string>) => Promise<string>;

/** Each button of the page: the command it runs, and where it goes after. */
const ACTIONS: Record<string, Run> = {
  invite: async (s, a, org, f) => {
    await inviteMember(s, a, { org, email: f.email ?? "", role: (f.role ?? "member") as never });
    return `/orgs/${org}/members?notice=invited`;
  },
  role: async (s, a, org, f) => {
    await changeRole(s, a, { org, user: f.user ?? "", role: (f.role ?? "") as never });
    return `/orgs/${org}/members?notice=role`;
  },
  remove: async (s, a, org, f) => {
    await removeMember(s, a, { org, user: f.user ?? "" });
    return `/orgs/${org}/members?notice=removed`;
  },
  revoke: async (s, a, org, f) => {
    await revokeInvitation(s, a, { org, id: f.id ?? "" });
    return `/orgs/${org}/members?notice=revoked`;
  },
  leave: async (s, a, org) => {
    await leaveOrg(s, a, { org });
    return "/dashboard?notice=left_org";
  },
};

async function render(
  ctx: Ctx,
  extra: { failure?: Failure; invite?: { email: string; role: string }; notice?: string | null },
) {
  const { services: s, actor } = ctx.state;
  const org = ctx.params.handle!;
  const { org: found, role, members } = await listOrgMembers(s, actor, { org });
  const invitations = role === "member"
    ? []
    : (await listInvitations(s, actor, { org })).invitations;
  ctx.state.title = `Members of ${found.displayName}`;
  const errors: FieldErrors = extra.failure ? fieldErrors(extra.failure, ["email", "role"]) : {};
  return page({
    org: found,
    role,
    members,
    invitations,
    me: ctx.state.user!.handle,
    invite: extra.invite ?? { email: "", role: "member" },
    errors: extra.invite ? errors : { form: extra.failure?.message },
    notice: extra.notice ?? null,
  }, { status: extra.failure?.status ?? 200, headers: extra.failure?.headers });
}

export const handler = define.handlers({
  GET(ctx) {
    return render(ctx, { notice: NOTICES[ctx.url.searchParams.get("notice") ?? ""] ?? null });
  },
  async POST(ctx) {
    const f = formFields(await readForm(ctx.req, { maxBytes: 4 * KiB }));
    const run = f.action && Object.hasOwn(ACTIONS, f.action) ? ACTIONS[f.action]! : null;
    if (!run) {
      throw new HttpError(400, `Unknown action; use ${Object.keys(ACTIONS).join(", ")}`);
    }
    const org = ctx.params.handle!.toLowerCase();
    const result = await attempt(() => run(ctx.state.services, ctx.state.actor, org, f));
    if (result.ok) return ctx.redirect(result.value, 303);
    const invite = f.action === "invite"
      ? { email: f.email ?? "", role: f.role ?? "member" }
      : undefined;
    return render(ctx, { failure: result.failure, invite });
  },
});

export default define.page<typeof handler>(function OrgMembers({ data, url }) {
  const manager = data.role !== "member";
  return (
    <div class="space-y-6">
      <OrgHeader org={data.org} role={data.role} path={url.pathname} />
      {data.notice && <Notice tone="success">{data.notice}</Notice>}
      <FormError message={data.errors.form} />
      <section class={`${ui.card} overflow-hidden`} aria-labelledby="members">
        <h2 id="members" class={`${ui.h2} px-5 pt-4`}>Members ({data.members.length})</h2>
        <ul class="divide-y divide-slate-100">
          {data.members.map((m) => (
            <MemberRow member={m} manager={manager} viewerRole={data.role} me={data.me} />
          ))}
        </ul>
      </section>
      {manager && (
        <section class={`${ui.card} p-5 space-y-4`} aria-labelledby="invite">
          <h2 id="invite" class={ui.h2}>Invite someone</h2>
          <p class={ui.muted}>
            We email a link. They accept it signed in with an account verified for that address.
          </p>
          <form
            method="post"
            class="grid gap-4 sm:grid-cols-[1fr_auto_auto] sm:items-end"
            novalidate
          >
            <input type="hidden" name="action" value="invite" />
            <Field
              label="Email address"
              name="email"
              type="email"
              value={data.invite.email}
              error={data.errors.email}
              required
            />
            <RoleSelect
              id="invite-role"
              value={data.invite.role}
              owners={data.role === "owner"}
              label="Role"
            />
            <button type="submit" class={ui.buttonPrimary}>Send invitation</button>
          </form>
          {data.errors.role && <p class="text-sm text-red-700" role="alert">{data.errors.role}</p>}
          {data.invitations.length > 0 && (
            <div class="space-y-2">
              <h3 class="text-sm font-semibold text-slate-900">Pending invitations</h3>
              <ul class="divide-y divide-slate-100 text-sm">
                {data.invitations.map((i) => (
                  <li class="flex flex-wrap items-center justify-between gap-2 py-2">
                    <span class="break-all">{i.email} · {i.role}</span>
                    <RowAction
                      action="revoke"
                      name="id"
                      value={i.id}
                      label="Revoke"
                      target={`the invitation to ${i.email}`}
                    />
                  </li>
                ))}
              </ul>
            </div>
          )}
        </section>
      )}
      <section class={`${ui.card} p-5 space-y-2`} aria-labelledby="leave">
        <h2 id="leave" class={ui.h2}>Leave this organization</h2>
        <p class={ui.muted}>
          You lose access at once. The last owner cannot leave; make someone else an owner first.
        </p>
        <form method="post">
          <input type="hidden" name="action" value="leave" />
          <button type="submit" class={ui.buttonDanger}>Leave @{data.org.handle}</button>
        </form>
      </section>
    </div>
  );
});
