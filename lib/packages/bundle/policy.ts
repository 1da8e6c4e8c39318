import { z } from "zod";
import { BundleError, describeValue } from "./errors.ts";
import { parseWithSchema } from "./schema_errors.ts";
import { signerId } from "./schemas.ts";
import { type Capability, isAllowed as verifierIsAllowed } from "../../verifier/policy.ts";

// Capability policies (spec/policy/policy.schema.json) and their ceiling, evaluated the way the
// spec's capability-eval vectors expect: a kind the ceiling does not name is denied.

const nonEmpty = z.string().min(1);
function uniqueList<T extends z.ZodType>(item: T) {
  return z.array(item).refine((items) => new Set(items).size === items.length, {
    error: "a list without repeated entries",
  });
}
const absolutePath = z.string().regex(/^\//, { error: "an absolute path" });
const envName = z.string().regex(/^[A-Z_][A-Z0-9_]*$/, { error: "an environment variable name" });

/** spec/policy/policy.schema.json. */
export const policySchema = z.strictObject({
  version: z.literal(1),
  trusted_signers: uniqueList(signerId),
  capability_ceiling: z.strictObject({
    fs: z.strictObject({
      read: uniqueList(absolutePath).optional(),
      write: uniqueList(absolutePath).optional(),
    }).optional(),
    net: uniqueList(z.url({ error: "a URI" })).optional(),
    kv: z.strictObject({
      read: uniqueList(nonEmpty).optional(),
      write: uniqueList(nonEmpty).optional(),
    }).optional(),
    queue: z.strictObject({
      publish: uniqueList(nonEmpty).optional(),
      consume: uniqueList(nonEmpty).optional(),
    }).optional(),
    env: uniqueList(envName).optional(),
    exec: z.boolean().optional(),
    time: z.boolean().optional(),
    random: z.boolean().optional(),
  }),
});

/** A parsed capability policy. */
export type Policy = z.output<typeof policySchema>;
type Ceiling = Policy["capability_ceiling"];

/** Parses a policy document (already JSON), throwing policy_invalid naming the field. */
export function parsePolicy(value: unknown): Policy {
  return parseWithSchema(policySchema, value, {
    file: "policy",
    step: null,
    code: "policy_invalid",
  });
}

/** Throws capability_ceiling_exceeded for the first capability the policy's ceiling does not allow. */
export function checkCapabilityCeiling(
  capabilities: ReadonlyArray<{ kind: string; value: string }>,
  policy: Policy,
): void {
  for (const [index, capability] of capabilities.entries()) {
    if (isAllowed(capability, policy.capability_ceiling)) continue;
    const { kind, value } = capability;
    throw new BundleError(
      "capability_ceiling_exceeded",
      `capabilities[${index}] (${kind} ${describeValue(value)}) is outside the policy's ` +
        "capability ceiling",
      {
        field: `capabilities[${index}]`,
        expected: "a capability the ceiling allows",
        found: `${kind} ${value}`,
      },
    );
  }
}

/**
 * Whether one capability is within the ceiling: the verifier's rule (lib/verifier/policy.ts),
 * the one the reference verifier applies at run time.
 */
export const isAllowed: (capability: Capability, ceiling: Ceiling) => boolean = verifierIsAllowed;
