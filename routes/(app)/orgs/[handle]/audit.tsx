import { z } from "zod";
import { define } from "@/lib/define.ts";
import { page } from "@/lib/framework/handlers.ts";
import { intParam, parseQuery } from "@/lib/http/query.ts";
import { readOrgAudit } from "@/lib/orgs/audit_log.ts";
import { AuditTable } from "@/components/AuditTable.tsx";
import { OrgHeader } from "@/components/orgs/OrgHeader.tsx";
import { ui } from "@/components/styles.ts";
import type { RouteAccess } from "@/lib/http/access.ts";

const Query = z.strictObject({ before: intParam(1, 9_999_999_999).optional() });
const PAGE = 50;

export const access: RouteAccess = "session";

export const handler = define.handlers({
  async GET(ctx) {
    const q = parseQuery(ctx.url, Query);
    const { services, actor } = ctx.state;
    const result = await readOrgAudit(services, actor, {
      org: ctx.params.handle!,
      beforeId: q.before,
      limit: PAGE,
    });
    ctx.state.title = `Audit log of ${result.org.displayName}`;
    return page({ ...result, now: services.clock(), paged: q.before !== undefined });
  },
});

export default define.page<typeof handler>(function OrgAudit({ data, url }) {
  const base = `/orgs/${data.org.handle}/audit`;
  return (
    <div class="space-y-6">
      <OrgHeader org={data.org} role={data.role} path={url.pathname} />
      <p class={ui.muted}>Who changed what in this organization, newest first.</p>
      <AuditTable events={data.events} now={data.now} actors={data.actors} />
      <nav aria-label="Pages" class="flex justify-between text-sm">
        {data.paged ? <a href={base} class={ui.link}>Newest</a> : <span />}
        {data.nextBeforeId !== null && (
          <a href={`${base}?before=${data.nextBeforeId}`} class={ui.link}>Older</a>
        )}
      </nav>
    </div>
  );
});
