import { type Ctx, define } from "@/lib/define.ts";
import { page } from "@/lib/framework/handlers.ts";
import { formFields, KiB, readForm } from "@/lib/http/body.ts";
import { type FieldErrors, fieldErrors } from "@/lib/http/errors.ts";
import { attempt } from "@/lib/http/attempt.ts";
import { deleteOrg, updateOrg } from "@/lib/orgs/commands.ts";
import { orgFor } from "@/lib/orgs/access.ts";
import { Field, FormError, Notice } from "@/components/forms.tsx";
import { OrgHeader } from "@/components/orgs/OrgHeader.tsx";
import { OrgProfileFields } from "@/components/orgs/OrgProfileFields.tsx";
import { ui } from "@/components/styles.ts";
import type { RouteAccess } from "@/lib/http/access.ts";

const FIELDS = ["display_name", "description", "url"] as const;
type Values = Record<typeof FIELDS[number], string>;

export const access: RouteAccess = "session";

async function render(
  ctx: Ctx,
  extra: { values?: Values; errors?: FieldErrors; deleteError?: string; status?: number } = {},
) {
  const { org, role } = await orgFor(
    ctx.state.services,
    ctx.state.actor,
    "org.update",
    ctx.params.handle!,
  );
  ctx.state.title = `Settings of ${org.displayName}`;
  return page({
    org,
    role,
    values: extra.values ??
      { display_name: org.displayName, description: org.description ?? "", url: org.url ?? "" },
    errors: extra.errors ?? {},
    deleteError: extra.deleteError ?? null,
    saved: ctx.url.searchParams.get("notice") === "saved",
  }, { status: extra.status ?? 200 });
}

export const handler = define.handlers({
  GET(ctx) {
    return render(ctx);
  },
  async POST(ctx) {
    const { services: s, actor } = ctx.state;
    const org = ctx.params.handle!.toLowerCase();
    const f = formFields(await readForm(ctx.req, { maxBytes: 16 * KiB }));
    if (f.action === "delete") {
      // Typing the handle confirms; the command decides who may.
      const result = await attempt(async () => {
        if ((f.confirm ?? "").trim().toLowerCase() !== org) return false;
        await deleteOrg(s, actor, { org });
        return true;
      });
      if (result.ok && result.value) return ctx.redirect("/dashboard?notice=org_deleted", 303);
      return render(ctx, {
        deleteError: result.ok ? `Type ${org} to confirm` : result.failure.message,
        status: result.ok ? 400 : result.failure.status,
      });
    }
    const values = Object.fromEntries(FIELDS.map((k) => [k, f[k] ?? ""])) as Values;
    const result = await attempt(() => updateOrg(s, actor, { org, ...values }));
    if (result.ok) return ctx.redirect(`/orgs/${org}/settings?notice=saved`, 303);
    return render(ctx, {
      values,
      errors: fieldErrors(result.failure, FIELDS),
      status: result.failure.status,
    });
  },
});

export default define.page<typeof handler>(function OrgSettings({ data, url }) {
  const { values, errors } = data;
  return (
    <div class="space-y-6">
      <OrgHeader org={data.org} role={data.role} path={url.pathname} />
      {data.saved && <Notice tone="success">The settings are saved.</Notice>}
      <form method="post" class={`${ui.card} max-w-xl space-y-5 p-6`} novalidate>
        <h2 class={ui.h2}>Profile</h2>
        <FormError message={errors.form} />
        <OrgProfileFields values={values} errors={errors} />
        <button type="submit" class={ui.buttonPrimary}>Save</button>
        <input type="hidden" name="action" value="update" />
      </form>
      {data.role === "owner" && (
        <form
          method="post"
          class={`${ui.card} max-w-xl space-y-4 p-6 ring-red-200`}
          aria-labelledby="danger"
        >
          <h2 id="danger" class={ui.h2}>Delete this organization</h2>
          <p class={ui.muted}>
            Deletes its members, teams, invitations and audit log. An organization that owns
            packages cannot be deleted.
          </p>
          <Field
            label={`Type ${data.org.handle} to confirm`}
            name="confirm"
            error={data.deleteError ?? undefined}
            autocomplete="off"
          />
          <button type="submit" class={ui.buttonDanger}>Delete @{data.org.handle}</button>
          <input type="hidden" name="action" value="delete" />
        </form>
      )}
    </div>
  );
});
