import { type Ctx, define } from "@/lib/define.ts";
import { page } from "@/lib/framework/handlers.ts";
import { formFields, KiB, readForm } from "@/lib/http/body.ts";
import { type FieldErrors, fieldErrors } from "@/lib/http/errors.ts";
import { attempt } from "@/lib/http/attempt.ts";
import { createOrg } from "@/lib/orgs/commands.ts";
import { HANDLE_RULES } from "@/lib/auth/handles.ts";
import { Field, FormError } from "@/components/forms.tsx";
import { OrgProfileFields } from "@/components/orgs/OrgProfileFields.tsx";
import { ui } from "@/components/styles.ts";
import type { RouteAccess } from "@/lib/http/access.ts";

const FIELDS = ["handle", "display_name", "description", "url"] as const;
type Values = Record<typeof FIELDS[number], string>;

export const access: RouteAccess = "session";

function render(ctx: Ctx, values: Values, errors: FieldErrors = {}, status = 200) {
  ctx.state.title = "New organization";
  return page({ values, errors }, { status });
}

export const handler = define.handlers({
  GET(ctx) {
    return render(ctx, { handle: "", display_name: "", description: "", url: "" });
  },
  async POST(ctx) {
    const f = formFields(await readForm(ctx.req, { maxBytes: 16 * KiB }));
    const values = Object.fromEntries(FIELDS.map((k) => [k, f[k] ?? ""])) as Values;
    const result = await attempt(() => createOrg(ctx.state.services, ctx.state.actor, values));
    if (result.ok) return ctx.redirect(`/orgs/${result.value.handle}?notice=created`, 303);
    return render(ctx, values, fieldErrors(result.failure, FIELDS), result.failure.status);
  },
});

export default define.page<typeof handler>(function NewOrg({ data }) {
  const { values, errors } = data;
  return (
    <div class="mx-auto max-w-xl space-y-6">
      <div class="space-y-1">
        <h1 class={ui.h1}>New organization</h1>
        <p class={ui.muted}>
          An organization owns packages and contexts together with its members. You become its first
          owner.
        </p>
      </div>
      <form method="post" class={`${ui.card} space-y-5 p-6`} novalidate>
        <FormError message={errors.form} />
        <Field
          label="Handle"
          name="handle"
          value={values.handle}
          error={errors.handle}
          hint={<>Its public address, /@handle: {HANDLE_RULES}.</>}
          required
          maxLength={39}
          autocomplete="off"
        />
        <OrgProfileFields values={values} errors={errors} creating />
        <button type="submit" class={ui.buttonPrimary}>Create organization</button>
      </form>
    </div>
  );
});
