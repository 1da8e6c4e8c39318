// Setting a context's capability policy: the one command both doors (the Runs tab's form and
// PATCH /v1/contexts/{id}) use.
import { eq } from "drizzle-orm";
import { contexts } from "../db/schema.ts";
import type { Services } from "../services.ts";
import { type Actor, auditActor } from "../access/policy.ts";
import { auditInsert } from "../audit/audit.ts";
import { DomainError } from "../errors.ts";
import type { Policy } from "../verifier/policy.ts";
import { CONTEXT_NOT_FOUND, contextFor } from "./commands.ts";
import { checkContextPolicy } from "./policy.ts";

/** Sets (or, with null, removes) a context's capability policy; audited as context.policy. */
export async function setContextPolicy(
  s: Services,
  actor: Actor,
  input: { id: string; policy: unknown },
): Promise<Policy | null> {
  const policy = checkContextPolicy(input.policy);
  const context = await contextFor(s, actor, "context.write", input.id);
  const [row] = await s.db.select({ ownerId: contexts.ownerId }).from(contexts)
    .where(eq(contexts.id, context.id)).limit(1);
  if (!row) throw new DomainError("not_found", CONTEXT_NOT_FOUND);
  const now = s.clock();
  await s.db.batch([
    s.db.update(contexts).set({ capabilityPolicy: policy }).where(eq(contexts.id, context.id)),
    auditInsert(s.db, { ...auditActor(actor)!, ownerId: row.ownerId }, {
      action: "context.policy",
      targetType: "context",
      targetId: context.id,
      metadata: { policy },
    }, now),
  ]);
  return policy;
}
