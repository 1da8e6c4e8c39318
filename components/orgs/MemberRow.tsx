import type { OrgRole } from "@/lib/access/policy.ts";
import type { Member } from "@/lib/orgs/orgs.ts";
import { ui } from "../styles.ts";
import { ROLE_LABELS } from "./OrgHeader.tsx";
import { RowAction } from "./RowAction.tsx";

/** A role picker; "Owner" only for owners, who alone manage owners. */
export function RoleSelect(
  props: { id: string; value: string; owners: boolean; label: string; srOnly?: boolean },
) {
  const roles: OrgRole[] = props.owners ? ["member", "admin", "owner"] : ["member", "admin"];
  return (
    <div class="space-y-1.5">
      <label for={props.id} class={props.srOnly ? "sr-only" : ui.label}>{props.label}</label>
      <select id={props.id} name="role" class={ui.input}>
        {roles.map((r) => (
          <option key={r} value={r} selected={r === props.value}>{ROLE_LABELS[r]}</option>
        ))}
      </select>
    </div>
  );
}

/** One member: their role, and for managers a role form and a remove button. */
export function MemberRow(
  props: { member: Member; manager: boolean; viewerRole: OrgRole; me: string },
) {
  const m = props.member;
  // Admins manage members and admins; only owners manage owners.
  const editable = props.manager && (m.role !== "owner" || props.viewerRole === "owner") &&
    m.handle !== props.me;
  return (
    <li class="flex flex-wrap items-center justify-between gap-3 px-5 py-3">
      <div class="min-w-0">
        <a href={`/@${m.handle}`} class={`font-mono ${ui.link}`}>@{m.handle}</a>
        {m.handle === props.me && <span class="ml-2 text-xs text-slate-500">(you)</span>}
        <p class="text-xs text-slate-500">{ROLE_LABELS[m.role]}</p>
      </div>
      {editable && (
        <div class="flex flex-wrap items-end gap-2">
          <form method="post" class="flex items-end gap-2">
            <input type="hidden" name="action" value="role" />
            <input type="hidden" name="user" value={m.handle} />
            <RoleSelect
              id={`role-${m.handle}`}
              value={m.role}
              owners={props.viewerRole === "owner"}
              label={`Role of @${m.handle}`}
              srOnly
            />
            <button type="submit" class={ui.buttonSecondary}>Change role</button>
          </form>
          <RowAction
            action="remove"
            name="user"
            value={m.handle}
            label="Remove"
            target={`@${m.handle}`}
            buttonClass={ui.buttonSecondary}
          />
        </div>
      )}
    </li>
  );
}
