import type { AuditEvent } from "@/lib/audit/audit.ts";
import { RelativeTime } from "./time.tsx";
import { ScrollBox } from "./ScrollBox.tsx";
import { DataTable, EmptyList } from "./DataTable.tsx";

const LABELS: Record<string, string> = {
  "account.signup": "Signed up",
  "account.signup_attempt": "Someone tried to sign up with this address",
  "account.verify": "Verified email address",
  "auth.login": "Signed in",
  "auth.login_failed": "Failed sign-in attempt",
  "auth.logout": "Signed out",
  "password.reset": "Reset password",
  "password.change": "Changed password",
  "session.revoke": "Revoked a session",
  "token.create": "Created an API token",
  "token.revoke": "Revoked an API token",
  "package.create": "Created a package",
  "package.publish": "Published a version",
  "package.update": "Updated package details",
  "package.visibility": "Changed package visibility",
  "package.deprecate": "Deprecated a package",
  "package.undeprecate": "Undid a package deprecation",
  "package.unlist": "Unlisted a package",
  "package.relist": "Listed a package again",
  "package.archive": "Archived a package",
  "package.unarchive": "Unarchived a package",
  "package.transfer_out": "Transferred a package away",
  "package.transfer_in": "Received a package by transfer",
  "version.deprecate": "Deprecated a version",
  "version.undeprecate": "Undid a version deprecation",
  "version.yank": "Yanked a version",
  "version.unyank": "Undid a version yank",
  "package.key_add": "Pinned a signer key",
  "package.key_retire": "Retired a signer key",
  "context.create": "Registered a context",
  "context.status": "Changed a context's status",
  "context.update": "Changed a context's name, labels or runtime",
  "context.policy": "Changed a context's capability policy",
  "org.create": "Created the organization",
  "org.update": "Changed the organization's settings",
  "org.delete": "Deleted an organization",
  "org.invite": "Invited someone",
  "org.invitation_revoke": "Revoked an invitation",
  "org.invitation_accept": "Accepted an invitation",
  "org.invitation_decline": "Declined an invitation",
  "org.member_role": "Changed a member's role",
  "org.member_remove": "Removed a member",
  "org.member_leave": "Left the organization",
  "team.create": "Created a team",
  "team.update": "Renamed a team",
  "team.delete": "Deleted a team",
  "team.member_add": "Added a team member",
  "team.member_remove": "Removed a team member",
  "team.package_grant": "Granted a team a package",
  "team.package_revoke": "Revoked a team's package",
};

const KEYS = ["package", "version", "name", "from", "to", "visibility", "count"];
const ORG_KEYS = ["handle", "email", "role", "slug", "permission"];

// On a phone the details and the address move under the event, so "when" stays in sight.
const WIDE_ONLY = "hidden sm:table-cell";

/** Describes an event's metadata in a few words (names, versions, scopes), never secrets. */
function detail(e: AuditEvent): string {
  const m = e.metadata ?? {};
  const parts: string[] = [];
  // Organization events name people, roles and teams (docs/adr/0010); others keep their keys.
  const org = e.action.startsWith("org.") || e.action.startsWith("team.");
  for (const key of org ? [...KEYS, ...ORG_KEYS] : KEYS) {
    const v = m[key];
    if (typeof v === "string" || typeof v === "number") parts.push(`${key}: ${v}`);
  }
  if (Array.isArray(m.scopes)) parts.push(`scopes: ${m.scopes.join(", ")}`);
  return parts.join(" · ");
}

/** Audit events as a table: what, details, from where, when. */
export function AuditTable(
  { events, now, actors }: {
    events: AuditEvent[];
    now: Date;
    /** Handles by user id: a shared log (an organization's) says who did each thing. */
    actors?: Record<string, string>;
  },
) {
  if (events.length === 0) {
    return <EmptyList>No activity yet.</EmptyList>;
  }
  return (
    <ScrollBox label="Activity" class="rounded-lg bg-white ring-1 ring-slate-200">
      <DataTable
        head={
          <>
            <th scope="col" class="px-4 py-2.5">Event</th>
            <th scope="col" class={`px-4 py-2.5 ${WIDE_ONLY}`}>Details</th>
            <th scope="col" class={`px-4 py-2.5 ${WIDE_ONLY}`}>From</th>
            <th scope="col" class="px-4 py-2.5">When</th>
          </>
        }
      >
        {events.map((e) => (
          <tr>
            <td class="px-4 py-2.5">
              <div class="font-medium text-slate-900 sm:whitespace-nowrap">
                {LABELS[e.action] ?? e.action}
                {actors && e.actorUserId && actors[e.actorUserId] && (
                  <span class="ml-1 font-normal text-slate-600">by @{actors[e.actorUserId]}</span>
                )}
                {e.actorTokenId && (
                  <span class="ml-2 whitespace-nowrap rounded bg-slate-100 px-1.5 py-0.5 text-xs font-normal text-slate-600">
                    API token
                  </span>
                )}
              </div>
              <div class="mt-0.5 text-xs text-slate-600 [overflow-wrap:anywhere] sm:hidden">
                {[detail(e), e.ip].filter(Boolean).join(" · ")}
              </div>
            </td>
            <td class={`px-4 py-2.5 text-slate-600 ${WIDE_ONLY}`}>{detail(e)}</td>
            <td
              class={`px-4 py-2.5 text-slate-500 font-mono text-xs whitespace-nowrap ${WIDE_ONLY}`}
            >
              {e.ip ?? ""}
            </td>
            <td class="px-4 py-2.5 text-slate-600 whitespace-nowrap">
              <RelativeTime date={e.createdAt} now={now} />
            </td>
          </tr>
        ))}
      </DataTable>
    </ScrollBox>
  );
}
