import type { OrgRole } from "@/lib/access/policy.ts";
import type { Organization } from "@/lib/orgs/orgs.ts";
import { ui } from "../styles.ts";
import { TabNav } from "../TabNav.tsx";

/** The heading and tabs of an organization's pages; admin tabs only for owners and admins. */
export function OrgHeader(
  { org, role, path }: { org: Organization; role: OrgRole; path: string },
) {
  const base = `/orgs/${org.handle}`;
  const admin = role === "owner" || role === "admin";
  const items = [
    { href: base, label: "Overview" },
    { href: `${base}/members`, label: "Members" },
    { href: `${base}/teams`, label: "Teams" },
    ...(admin
      ? [
        { href: `${base}/tokens`, label: "Tokens" },
        { href: `${base}/settings`, label: "Settings" },
        { href: `${base}/audit`, label: "Audit log" },
      ]
      : []),
  ];
  return (
    <div class="space-y-4">
      <div class="flex flex-wrap items-baseline justify-between gap-2">
        <div class="space-y-1">
          <h1 class={ui.h1}>{org.displayName}</h1>
          <p class={ui.muted}>
            <a href={`/@${org.handle}`} class={`font-mono ${ui.link}`}>@{org.handle}</a>
            <span class="ml-1">· your role: {role}</span>
          </p>
        </div>
      </div>
      <TabNav
        label="Organization"
        tabs={items.map((item) => ({
          ...item,
          current: item.href === base
            ? path === base
            : path === item.href || path.startsWith(`${item.href}/`),
        }))}
      />
    </div>
  );
}

export const ROLE_LABELS: Record<OrgRole, string> = {
  owner: "Owner",
  admin: "Admin",
  member: "Member",
};
