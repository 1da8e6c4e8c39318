import type { ComponentChildren } from "preact";
import { type Ctx, define } from "@/lib/define.ts";
import { page } from "@/lib/framework/handlers.ts";
import { HttpError } from "@/lib/framework/http_error.ts";
import { formFields, KiB, readForm } from "@/lib/http/body.ts";
import { attempt } from "@/lib/http/attempt.ts";
import {
  addTeamMember,
  deleteTeam,
  grantTeamPackage,
  readTeam,
  removeTeamMember,
  renameTeam,
  revokeTeamPackage,
} from "@/lib/orgs/teams.ts";
import type { Services } from "@/lib/services.ts";
import type { Actor } from "@/lib/access/policy.ts";
import { Field, FormError } from "@/components/forms.tsx";
import { OrgHeader } from "@/components/orgs/OrgHeader.tsx";
import { RowAction } from "@/components/orgs/RowAction.tsx";
import { ui } from "@/components/styles.ts";
import type { RouteAccess } from "@/lib/http/access.ts";

export const access: RouteAccess = "session";

type Ref = { org: string; team: string };
type Run = (s: Services, a: Actor, ref: Ref, f: Record<string, string>) => Promise<string | void>;

/** Each form of the page and its command; a string is where to go next. */
const ACTIONS: Record<string, Run> = {
  rename: async (s, a, ref, f) => void await renameTeam(s, a, { ...ref, name: f.name ?? "" }),
  delete: async (s, a, ref) => {
    await deleteTeam(s, a, ref);
    return `/orgs/${ref.org}/teams`;
  },
  add: (s, a, ref, f) => addTeamMember(s, a, { ...ref, user: (f.user ?? "").replace(/^@/, "") }),
  remove: (s, a, ref, f) => removeTeamMember(s, a, { ...ref, user: f.user ?? "" }),
  grant: (s, a, ref, f) =>
    grantTeamPackage(s, a, {
      ...ref,
      package: f.package ?? "",
      permission: (f.permission ?? "") as never,
    }),
  revoke: (s, a, ref, f) => revokeTeamPackage(s, a, { ...ref, package: f.package ?? "" }),
};

async function render(ctx: Ctx, error?: string, status = 200) {
  const { org, role, team } = await readTeam(ctx.state.services, ctx.state.actor, {
    org: ctx.params.handle!,
    team: ctx.params.team!,
  });
  ctx.state.title = `${team.name} · ${org.displayName}`;
  return page({ org, role, team, error: error ?? null }, { status });
}

export const handler = define.handlers({
  GET(ctx) {
    return render(ctx);
  },
  async POST(ctx) {
    const f = formFields(await readForm(ctx.req, { maxBytes: 4 * KiB }));
    const run = f.action && Object.hasOwn(ACTIONS, f.action) ? ACTIONS[f.action]! : null;
    if (!run) throw new HttpError(400, `Unknown action; use ${Object.keys(ACTIONS).join(", ")}`);
    const ref = { org: ctx.params.handle!.toLowerCase(), team: ctx.params.team!.toLowerCase() };
    const result = await attempt(() => run(ctx.state.services, ctx.state.actor, ref, f));
    if (result.ok) {
      return ctx.redirect(result.value ?? `/orgs/${ref.org}/teams/${ref.team}`, 303);
    }
    return render(ctx, result.failure.message, result.failure.status);
  },
});

export default define.page<typeof handler>(function TeamPage({ data, url }) {
  const { team } = data;
  const manager = data.role !== "member";
  return (
    <div class="space-y-6">
      <OrgHeader org={data.org} role={data.role} path={url.pathname} />
      <nav aria-label="Breadcrumb" class="text-sm text-slate-500">
        <a href={`/orgs/${data.org.handle}/teams`} class={ui.link}>Teams</a> / {team.name}
      </nav>
      <FormError message={data.error ?? undefined} />
      <div class="grid gap-6 md:grid-cols-2">
        <section class={`${ui.card} p-5 space-y-3`} aria-labelledby="team-members">
          <h2 id="team-members" class={ui.h2}>Members ({team.members.length})</h2>
          <ul class="divide-y divide-slate-100 text-sm">
            {team.members.map((m) => (
              <li class="flex items-center justify-between gap-2 py-2">
                <a href={`/@${m.handle}`} class={`font-mono ${ui.link}`}>@{m.handle}</a>
                {manager && (
                  <RowAction
                    action="remove"
                    name="user"
                    value={m.handle}
                    label="Remove"
                    target={`@${m.handle} from the team`}
                  />
                )}
              </li>
            ))}
          </ul>
          {manager && (
            <AddForm action="add" field="user" label="Add a member (handle)" example="alice" />
          )}
        </section>
        <section class={`${ui.card} p-5 space-y-3`} aria-labelledby="team-packages">
          <h2 id="team-packages" class={ui.h2}>Packages ({team.packages.length})</h2>
          <ul class="divide-y divide-slate-100 text-sm">
            {team.packages.map((p) => (
              <li class="flex items-center justify-between gap-2 py-2">
                <span class="font-mono">{p.name}</span>
                <span class="flex items-center gap-2">
                  <span class="text-slate-600">{p.permission}</span>
                  {manager && (
                    <RowAction
                      action="revoke"
                      name="package"
                      value={p.name}
                      label="Revoke"
                      target={`the grant on ${p.name}`}
                    />
                  )}
                </span>
              </li>
            ))}
          </ul>
          {manager && (
            <AddForm action="grant" field="package" label="Package" example="my-skill" wrap>
              <div class="space-y-1.5">
                <label for="field-permission" class={ui.label}>Permission</label>
                <select id="field-permission" name="permission" class={ui.input}>
                  <option value="read">Read</option>
                  <option value="publish">Publish</option>
                  <option value="admin">Admin</option>
                </select>
              </div>
            </AddForm>
          )}
        </section>
      </div>
      {manager && (
        <div class="grid gap-6 md:grid-cols-2">
          <form method="post" class={`${ui.card} p-5 space-y-3`}>
            <Field label="Team name" name="name" value={team.name} required maxLength={100} />
            <button type="submit" class={ui.buttonSecondary}>Rename</button>
            <input type="hidden" name="action" value="rename" />
          </form>
          <form method="post" class={`${ui.card} p-5 space-y-3`}>
            <p class={ui.muted}>
              Deleting the team removes its grants; its members stay in the organization.
            </p>
            <button type="submit" class={ui.buttonDanger}>Delete team</button>
            <input type="hidden" name="action" value="delete" />
          </form>
        </div>
      )}
    </div>
  );
});

/** The form under a team's list that adds one entry to it: a text field, any `children`, a button. */
function AddForm(props: {
  action: "add" | "grant";
  field: string;
  label: string;
  example: string;
  wrap?: boolean;
  children?: ComponentChildren;
}) {
  return (
    <form method="post" class={`flex ${props.wrap ? "flex-wrap " : ""}items-end gap-2`}>
      <input type="hidden" name="action" value={props.action} />
      <div class="grow">
        <Field label={props.label} name={props.field} placeholder={props.example} />
      </div>
      {props.children}
      <button type="submit" class={ui.buttonSecondary}>
        {props.action === "add" ? "Add" : "Grant"}
      </button>
    </form>
  );
}
