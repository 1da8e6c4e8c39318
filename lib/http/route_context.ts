// The context a route's `:context_id` names, through the access policy (lib/contexts/commands.ts):
// the one lookup every context route starts with.
import type { Ctx } from "../define.ts";
import { contextFor } from "../contexts/commands.ts";
import type { ContextSummary } from "../contexts/contexts.ts";

export function routeContext(
  ctx: Ctx,
  action: "context.read" | "context.write",
): Promise<ContextSummary> {
  return contextFor(ctx.state.services, ctx.state.actor, action, ctx.params.context_id ?? "");
}
