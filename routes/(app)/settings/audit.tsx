import { z } from "zod";
import { define } from "@/lib/define.ts";
import { page } from "@/lib/framework/handlers.ts";
import { intParam, parseQuery } from "@/lib/http/query.ts";
import { readAuditLog } from "@/lib/audit/read.ts";
import { SettingsNav } from "@/components/SettingsNav.tsx";
import { AuditTable } from "@/components/AuditTable.tsx";
import { ui } from "@/components/styles.ts";
import type { RouteAccess } from "@/lib/http/access.ts";

const Query = z.strictObject({ before: intParam(1, 9_999_999_999).optional() });
const PAGE = 50;

export const access: RouteAccess = "session";

export const handler = define.handlers({
  async GET(ctx) {
    ctx.state.title = "Audit log";
    const q = parseQuery(ctx.url, Query);
    const { services, actor } = ctx.state;
    const result = await readAuditLog(services, actor, { beforeId: q.before, limit: PAGE });
    return page({ ...result, now: services.clock(), paged: q.before !== undefined });
  },
});

export default define.page<typeof handler>(function Audit({ data, url }) {
  return (
    <div class="space-y-6">
      <h1 class={ui.h1}>Settings</h1>
      <SettingsNav path={url.pathname} />
      <p class={ui.muted}>Everything that happened to your account and packages, newest first.</p>
      <AuditTable events={data.events} now={data.now} />
      <nav aria-label="Pages" class="flex justify-between text-sm">
        {data.paged ? <a href="/settings/audit" class={ui.link}>Newest</a> : <span />}
        {data.nextBeforeId !== null && (
          <a href={`/settings/audit?before=${data.nextBeforeId}`} class={ui.link}>Older</a>
        )}
      </nav>
    </div>
  );
});
