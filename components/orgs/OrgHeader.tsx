import type { OrgRole } from "@/lib/access/policy.ts";
import type { Organization } from "@/lib/orgs/orgs.ts";
import { ui } from "../styles.ts";

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
      ? [{ href: `${base}/settings`, label: "Settings" }, {
        href: `${base}/audit`,
        label: "Audit log",
      }]
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
      <nav
        aria-label="Organization"
        class="flex gap-1 overflow-x-auto border-b border-slate-200 text-sm"
      >
        {items.map((item) => {
          const current = item.href === base
            ? path === base
            : path === item.href || path.startsWith(`${item.href}/`);
          return (
            <a
              href={item.href}
              aria-current={current ? "page" : undefined}
              class={`whitespace-nowrap border-b-2 px-3 py-2 font-medium ${ui.focus} ${
                current
                  ? "border-indigo-600 text-indigo-700"
                  : "border-transparent text-slate-600 hover:text-slate-900 hover:border-slate-300"
              }`}
            >
              {item.label}
            </a>
          );
        })}
      </nav>
    </div>
  );
}

export const ROLE_LABELS: Record<OrgRole, string> = {
  owner: "Owner",
  admin: "Admin",
  member: "Member",
};
