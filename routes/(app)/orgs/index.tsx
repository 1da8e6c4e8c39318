import { define } from "@/lib/define.ts";
import { page } from "@/lib/framework/handlers.ts";
import { myOrgs } from "@/lib/orgs/mine.ts";
import { OrgList } from "@/components/orgs/OrgList.tsx";
import { ui } from "@/components/styles.ts";
import type { RouteAccess } from "@/lib/http/access.ts";

// Where the header's "Organizations" link goes: the organizations the user belongs to.
export const access: RouteAccess = "session";

export const handler = define.handlers({
  async GET(ctx) {
    ctx.state.title = "Organizations";
    return page({ orgs: await myOrgs(ctx.state.services, ctx.state.actor) });
  },
});

export default define.page<typeof handler>(function Orgs({ data }) {
  return (
    <div class="space-y-6">
      <div class="space-y-1">
        <h1 class={ui.h1}>Organizations</h1>
        <p class={ui.muted}>
          Publish and run skills together: an organization owns packages and contexts, and its
          members work on them with their role.
        </p>
      </div>
      <OrgList orgs={data.orgs} />
    </div>
  );
});
