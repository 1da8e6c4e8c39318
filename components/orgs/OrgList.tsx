import type { OrgRole } from "@/lib/access/policy.ts";
import type { Organization } from "@/lib/orgs/orgs.ts";
import { ui } from "../styles.ts";
import { ROLE_LABELS } from "./OrgHeader.tsx";

/** The dashboard's list of the user's organizations, with a link to create one. */
export function OrgList({ orgs }: { orgs: (Organization & { role: OrgRole })[] }) {
  return (
    <section class="space-y-3" aria-labelledby="organizations">
      <div class="flex items-baseline justify-between">
        <h2 id="organizations" class={ui.h2}>Organizations</h2>
        <a href="/orgs/new" class={`text-sm ${ui.link}`}>New organization</a>
      </div>
      {orgs.length === 0
        ? (
          <p class="text-sm text-slate-500">
            You belong to no organization yet. Create one to publish together with others.
          </p>
        )
        : (
          <ul class={`${ui.card} divide-y divide-slate-100`}>
            {orgs.map((o) => (
              <li class="flex flex-wrap items-center justify-between gap-2 px-4 py-3">
                <a href={`/orgs/${o.handle}`} class={ui.link}>{o.displayName}</a>
                <span class="text-sm text-slate-500">
                  <span class="font-mono">@{o.handle}</span> · {ROLE_LABELS[o.role]}
                </span>
              </li>
            ))}
          </ul>
        )}
    </section>
  );
}
