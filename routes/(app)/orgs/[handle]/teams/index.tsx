import { type Ctx, define } from "@/lib/define.ts";
import { page } from "@/lib/framework/handlers.ts";
import { formFields, KiB, readForm } from "@/lib/http/body.ts";
import { type FieldErrors, fieldErrors } from "@/lib/http/errors.ts";
import { attempt } from "@/lib/http/attempt.ts";
import { createTeam, listTeams } from "@/lib/orgs/teams.ts";
import { Field, FormError } from "@/components/forms.tsx";
import { OrgHeader } from "@/components/orgs/OrgHeader.tsx";
import { ui } from "@/components/styles.ts";
import type { RouteAccess } from "@/lib/http/access.ts";

export const access: RouteAccess = "session";

async function render(
  ctx: Ctx,
  extra: { values?: { slug: string; name: string }; errors?: FieldErrors; status?: number } = {},
) {
  const { org, role, teams } = await listTeams(ctx.state.services, ctx.state.actor, {
    org: ctx.params.handle!,
  });
  ctx.state.title = `Teams of ${org.displayName}`;
  return page({
    org,
    role,
    teams,
    values: extra.values ?? { slug: "", name: "" },
    errors: extra.errors ?? {},
  }, { status: extra.status ?? 200 });
}

export const handler = define.handlers({
  GET(ctx) {
    return render(ctx);
  },
  async POST(ctx) {
    const f = formFields(await readForm(ctx.req, { maxBytes: 4 * KiB }));
    const org = ctx.params.handle!.toLowerCase();
    const values = { slug: f.slug ?? "", name: f.name ?? "" };
    const result = await attempt(() =>
      createTeam(ctx.state.services, ctx.state.actor, { org, ...values })
    );
    if (result.ok) return ctx.redirect(`/orgs/${org}/teams/${result.value.slug}`, 303);
    return render(ctx, {
      values,
      errors: fieldErrors(result.failure, ["slug", "name"]),
      status: result.failure.status,
    });
  },
});

export default define.page<typeof handler>(function OrgTeams({ data, url }) {
  const base = `/orgs/${data.org.handle}/teams`;
  return (
    <div class="space-y-6">
      <OrgHeader org={data.org} role={data.role} path={url.pathname} />
      <p class={ui.muted}>
        A team is granted read, publish or admin on single packages of the organization.
      </p>
      <section class={`${ui.card} overflow-hidden`} aria-labelledby="teams">
        <h2 id="teams" class={`${ui.h2} px-5 pt-4`}>Teams ({data.teams.length})</h2>
        {data.teams.length === 0
          ? <p class="px-5 py-4 text-sm text-slate-500">No teams yet.</p>
          : (
            <ul class="divide-y divide-slate-100">
              {data.teams.map((t) => (
                <li class="px-5 py-3">
                  <a href={`${base}/${t.slug}`} class={ui.link}>{t.name}</a>{" "}
                  <span class="font-mono text-sm text-slate-500">{t.slug}</span>
                </li>
              ))}
            </ul>
          )}
      </section>
      {data.role !== "member" && (
        <form method="post" class={`${ui.card} max-w-xl space-y-4 p-6`} novalidate>
          <h2 class={ui.h2}>New team</h2>
          <FormError message={data.errors.form} />
          <Field
            label="Name"
            name="name"
            value={data.values.name}
            error={data.errors.name}
            required
          />
          <Field
            label="Slug"
            name="slug"
            value={data.values.slug}
            error={data.errors.slug}
            hint="Names the team in addresses: lowercase letters, digits and hyphens."
            required
            maxLength={39}
          />
          <button type="submit" class={ui.buttonPrimary}>Create team</button>
        </form>
      )}
    </div>
  );
});
