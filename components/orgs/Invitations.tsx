import type { MyInvitation } from "@/lib/orgs/invitations.ts";
import { ui } from "../styles.ts";

/** Accept and decline, as two plain forms (they work without JavaScript). */
export function InvitationButtons({ id, token }: { id: string; token?: string }) {
  return (
    <div class="flex flex-wrap gap-2">
      {(["accept", "decline"] as const).map((action) => (
        <form method="post" action={`/invitations/${id}`}>
          <input type="hidden" name="action" value={action} />
          {token && <input type="hidden" name="token" value={token} />}
          <button
            type="submit"
            class={action === "accept" ? ui.buttonPrimary : ui.buttonSecondary}
          >
            {action === "accept" ? "Accept" : "Decline"}
          </button>
        </form>
      ))}
    </div>
  );
}

/** The dashboard's list of invitations to the user, each with accept and decline. */
export function InvitationList({ invitations }: { invitations: MyInvitation[] }) {
  if (invitations.length === 0) return null;
  return (
    <section class="space-y-3" aria-labelledby="invitations">
      <h2 id="invitations" class={ui.h2}>Invitations</h2>
      <ul class="space-y-2">
        {invitations.map((i) => (
          <li class={`${ui.card} flex flex-wrap items-center justify-between gap-3 p-4`}>
            <p class="text-sm text-slate-700">
              <strong>{i.org.displayName}</strong>{" "}
              <span class="font-mono text-slate-500">@{i.org.handle}</span> invited you as {i.role}.
            </p>
            <InvitationButtons id={i.id} />
          </li>
        ))}
      </ul>
    </section>
  );
}
