import { type ApiTokenInfo, tokenStatus } from "@/lib/auth/api_tokens.ts";
import { ScrollBox } from "./ScrollBox.tsx";
import { exactTime, RelativeTime } from "./time.tsx";
import { ui } from "./styles.ts";
import { DataTable, EmptyList } from "./DataTable.tsx";

const CELL = "px-4 py-2.5";
// On a phone the scopes and times move under the name, so Revoke stays in sight.
const WIDE_ONLY = "hidden sm:table-cell";

/** A token, and for an organization's list the handle of the user it belongs to. */
export type ListedToken = ApiTokenInfo & { user?: string };

/**
 * API tokens: name and scopes, last use, expiry, and a Revoke button. `by` adds a column: the
 * owner each token acts for (the account's list, with organizations on) or the user it
 * belongs to (an organization's list).
 */
export function TokenList(
  { tokens, now, by, label = "Your tokens" }: {
    tokens: ListedToken[];
    now: Date;
    by?: "owner" | "user";
    label?: string;
  },
) {
  if (tokens.length === 0) {
    return <EmptyList>No tokens yet.</EmptyList>;
  }
  return (
    <ScrollBox label={label} class="rounded-lg bg-white ring-1 ring-slate-200">
      <DataTable
        head={
          <>
            <th scope="col" class={CELL}>Name</th>
            {by && (
              <th scope="col" class={`${CELL} ${WIDE_ONLY}`}>
                {by === "owner" ? "Acts for" : "User"}
              </th>
            )}
            <th scope="col" class={`${CELL} ${WIDE_ONLY}`}>Scopes</th>
            <th scope="col" class={`${CELL} ${WIDE_ONLY}`}>Last used</th>
            <th scope="col" class={`${CELL} ${WIDE_ONLY}`}>Expires</th>
            <th scope="col" class={CELL}>
              <span class="sr-only">Actions</span>
            </th>
          </>
        }
      >
        {tokens.map((t) => <TokenRow key={t.id} token={t} now={now} by={by} />)}
      </DataTable>
    </ScrollBox>
  );
}

function TokenRow(
  { token: t, now, by }: { token: ListedToken; now: Date; by?: "owner" | "user" },
) {
  const status = tokenStatus(t, now);
  const who = by === "owner" ? `@${t.owner.handle}` : by === "user" ? `@${t.user}` : null;
  const state = status === "active" ? null : status;
  const lastUsed = t.lastUsedAt ? <RelativeTime date={t.lastUsedAt} now={now} /> : "never";
  const expires = <RelativeTime date={t.expiresAt} now={now} />;
  return (
    <tr class={state ? ui.absent : "text-slate-900"}>
      <td class={CELL}>
        <span class="font-medium [overflow-wrap:anywhere]">{t.name}</span>
        {state && (
          <span class="ml-2 rounded bg-slate-100 px-1.5 py-0.5 text-xs text-slate-600">
            {state}
          </span>
        )}
        <div class="mt-1 space-y-1 text-xs sm:hidden [&_time]:whitespace-nowrap">
          {who && (
            <div>
              {by === "owner" ? "Acts for" : "User"} <span class="font-mono">{who}</span>
            </div>
          )}
          <div class="font-mono break-words">{t.scopes.join(" ")}</div>
          <div>
            Last used {lastUsed} · {status === "expired" ? "expired" : "expires"} {expires}
          </div>
        </div>
      </td>
      {who && <td class={`${CELL} font-mono text-xs ${WIDE_ONLY}`}>{who}</td>}
      <td class={`${CELL} font-mono text-xs ${WIDE_ONLY}`}>{t.scopes.join(" ")}</td>
      <td class={`${CELL} whitespace-nowrap ${WIDE_ONLY}`}>{lastUsed}</td>
      <td class={`${CELL} whitespace-nowrap ${WIDE_ONLY}`} title={exactTime(t.expiresAt)}>
        {expires}
      </td>
      <td class={`${CELL} text-right`}>
        {!state && (
          <form method="post">
            <input type="hidden" name="action" value="revoke" />
            <input type="hidden" name="id" value={t.id} />
            <button type="submit" class={ui.buttonSmall} aria-label={`Revoke ${t.name}`}>
              Revoke
            </button>
          </form>
        )}
      </td>
    </tr>
  );
}
