import { z } from "zod";
import { type Ctx, define } from "@/lib/define.ts";
import { page } from "@/lib/framework/handlers.ts";
import { formFields, KiB, readForm } from "@/lib/http/body.ts";
import { parseQuery } from "@/lib/http/query.ts";
import { attempt } from "@/lib/http/attempt.ts";
import { acceptInvitation, declineInvitation, invitationFor } from "@/lib/orgs/invitations.ts";
import { FormError } from "@/components/forms.tsx";
import { ui } from "@/components/styles.ts";
import { InvitationButtons } from "@/components/orgs/Invitations.tsx";
import type { RouteAccess } from "@/lib/http/access.ts";

export const access: RouteAccess = "session";

const Query = z.object({ token: z.string().max(100).optional() });

async function render(ctx: Ctx, token: string | undefined, error?: string, status = 200) {
  const { invitation } = await invitationFor(ctx.state.services, ctx.state.actor, {
    id: ctx.params.id!,
    token,
  });
  ctx.state.title = `Invitation to @${invitation.org.handle}`;
  return page({ invitation, token: token ?? "", error: error ?? null }, { status });
}

export const handler = define.handlers({
  GET(ctx) {
    return render(ctx, parseQuery(ctx.url, Query).token);
  },
  async POST(ctx) {
    const f = formFields(await readForm(ctx.req, { maxBytes: KiB }));
    const input = { id: ctx.params.id!, ...(f.token ? { token: f.token } : {}) };
    const { services: s, actor } = ctx.state;
    const result = await attempt(async () => {
      if (f.action === "decline") {
        await declineInvitation(s, actor, input);
        return "/dashboard?notice=invitation_declined";
      }
      const { org } = await acceptInvitation(s, actor, input);
      return `/orgs/${org.handle}?notice=joined`;
    });
    if (result.ok) return ctx.redirect(result.value, 303);
    return render(ctx, input.token, result.failure.message, result.failure.status);
  },
});

export default define.page<typeof handler>(function InvitationPage({ data }) {
  const { invitation: i } = data;
  return (
    <div class="mx-auto max-w-xl space-y-6">
      <h1 class={ui.h1}>Join {i.org.displayName}?</h1>
      <FormError message={data.error ?? undefined} />
      <div class={`${ui.card} p-6 space-y-4`}>
        <p class="text-slate-700">
          You are invited to join <span class="font-mono">@{i.org.handle}</span> as{" "}
          <strong>{i.role}</strong>. The invitation was sent to {i.email}.
        </p>
        <InvitationButtons id={i.id} token={data.token} />
      </div>
    </div>
  );
});
