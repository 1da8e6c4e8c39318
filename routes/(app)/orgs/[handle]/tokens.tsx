import { define } from "@/lib/define.ts";
import { page } from "@/lib/framework/handlers.ts";
import { HttpError } from "@/lib/framework/http_error.ts";
import { readForm } from "@/lib/http/body.ts";
import { listOrgTokens, revokeOrgToken } from "@/lib/orgs/tokens.ts";
import { OrgHeader } from "@/components/orgs/OrgHeader.tsx";
import { Notice } from "@/components/forms.tsx";
import { TokenList } from "@/components/TokenList.tsx";
import { ui } from "@/components/styles.ts";
import type { RouteAccess } from "@/lib/http/access.ts";

// The API tokens that act for the organization (owners and admins): who holds each, and a
// Revoke button. Members make them on their own tokens page, choosing the organization.
export const access: RouteAccess = "session";

export const handler = define.handlers({
  async GET(ctx) {
    const { services, actor } = ctx.state;
    const result = await listOrgTokens(services, actor, { org: ctx.params.handle! });
    ctx.state.title = `API tokens of ${result.org.displayName}`;
    return page({
      ...result,
      now: services.clock(),
      revoked: ctx.url.searchParams.get("notice") === "revoked",
    }, { headers: { "cache-control": "no-store" } });
  },
  async POST(ctx) {
    const { services, actor } = ctx.state;
    const form = await readForm(ctx.req);
    if (form.get("action") !== "revoke") throw new HttpError(400, "Unknown action; use revoke");
    const org = ctx.params.handle!;
    await revokeOrgToken(services, actor, { org, id: String(form.get("id") ?? "") });
    return ctx.redirect(`/orgs/${encodeURIComponent(org)}/tokens?notice=revoked`, 303);
  },
});

export default define.page<typeof handler>(function OrgTokens({ data, url }) {
  return (
    <div class="space-y-6">
      <OrgHeader org={data.org} role={data.role} path={url.pathname} />
      {data.revoked && <Notice tone="success">The token was revoked.</Notice>}
      <p class={ui.muted}>
        Tokens that members made to act for @{data.org.handle}. A token never does more than its
        member's current role allows, and a removed member's tokens are revoked with the membership.
      </p>
      <TokenList tokens={data.tokens} now={data.now} by="user" label="Organization tokens" />
    </div>
  );
});
