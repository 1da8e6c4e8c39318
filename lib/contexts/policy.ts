// A context's capability policy (spec/policy/policy.schema.json): what its runs may use. It is
// parsed by the verifier's parser (lib/verifier/policy.ts), so the Runs tab, POST
// /v1/verify/manifest and the runtime read one policy the same way.
import { eq } from "drizzle-orm";
import type { Db } from "../db/client.ts";
import { contexts } from "../db/schema.ts";
import { DomainError } from "../errors.ts";
import { parsePolicy, type Policy } from "../verifier/policy.ts";

/**
 * A policy given as JSON or as a YAML (or JSON) document; null, or blank text, means none.
 * Errors name the field (`capability_policy: invalid policy: ...`).
 */
export function checkContextPolicy(input: unknown): Policy | null {
  if (input === undefined || input === null) return null;
  if (typeof input === "string" && input.trim() === "") return null;
  try {
    return parsePolicy(input);
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    const message = `capability_policy: ${error.message}`;
    throw new DomainError("invalid", message, {
      issues: [{ field: "capability_policy", message }],
    });
  }
}

/** The context's policy, or null when it has none. */
export async function contextPolicy(db: Db, contextId: string): Promise<Policy | null> {
  const [row] = await db.select({ policy: contexts.capabilityPolicy }).from(contexts)
    .where(eq(contexts.id, contextId)).limit(1);
  return (row?.policy as Policy | null | undefined) ?? null;
}
