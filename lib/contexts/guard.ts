import type { Ctx } from "../define.ts";
import type { Account } from "../auth/accounts.ts";
import { requireScope } from "../auth/guards.ts";
import { HttpError } from "../framework/http_error.ts";
import { type ContextSummary, findContext } from "./contexts.ts";

/** The existing API's answer for a context that is missing or someone else's (one body). */
export const CONTEXT_NOT_FOUND = "context not found";

/**
 * The signed-in caller (with `scope` for tokens) and the context named by the route's
 * `:context_id`; 404 when it is missing, malformed or belongs to another owner.
 */
export async function requireContext(
  ctx: Ctx,
  scope: "contexts:read" | "contexts:write",
): Promise<{ user: Account; context: ContextSummary }> {
  const user = requireScope(ctx, scope);
  const context = await findContext(
    ctx.state.services.db,
    user.ownerId,
    ctx.params.context_id ?? "",
  );
  if (!context) throw new HttpError(404, CONTEXT_NOT_FOUND);
  return { user, context };
}
