import { z } from "zod";
import { BundleError, describeValue } from "./errors.ts";
import { parseWithSchema } from "./schema_errors.ts";
import { signerId } from "./schemas.ts";

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

/** Whether one capability is within the ceiling. */
export function isAllowed(capability: { kind: string; value: string }, ceiling: Ceiling): boolean {
  const { kind, value } = capability;
  const named = (list: string[] | undefined) =>
    list?.includes(value) || list?.includes("*") || false;
  switch (kind) {
    case "fs.read":
      return (ceiling.fs?.read ?? []).some((prefix) => pathWithin(value, prefix));
    case "fs.write":
      return (ceiling.fs?.write ?? []).some((prefix) => pathWithin(value, prefix));
    case "net.http":
      return (ceiling.net ?? []).some((allowed) => urlWithin(value, allowed));
    case "env":
      return (ceiling.env ?? []).includes(value);
    case "kv.read":
      return named(ceiling.kv?.read);
    case "kv.write":
      return named(ceiling.kv?.write);
    case "queue.publish":
      return named(ceiling.queue?.publish);
    case "queue.consume":
      return named(ceiling.queue?.consume);
  }
  // exec, time.* and random.* are switched on or off as a whole.
  const family = kind.split(".")[0];
  if (family === "exec" || family === "time" || family === "random") {
    return ceiling[family] === true;
  }
  return false;
}

/** Absolute, without empty, `.` or `..` segments, and at or below `prefix` on a segment boundary. */
function pathWithin(path: string, prefix: string): boolean {
  if (!path.startsWith("/")) return false;
  if (
    path.split("/").slice(1).some((segment) =>
      segment === "" || segment === "." || segment === ".."
    )
  ) {
    return false;
  }
  const base = prefix.length > 1 ? prefix.replace(/\/+$/, "") : prefix;
  return base === "/" || path === base || path.startsWith(`${base}/`);
}

/** Same scheme, host and effective port, and a path at or below the allowed one. */
function urlWithin(value: string, allowed: string): boolean {
  if (!URL.canParse(value) || !URL.canParse(allowed)) return false;
  const url = new URL(value);
  const base = new URL(allowed);
  // Schemes without an authority (data:, mailto:) cannot be scoped; credentials hide the host.
  if (url.host === "" || url.username !== "" || url.password !== "") return false;
  // Encoded separators and dots would let a path escape its prefix after decoding.
  if (/%(2f|5c|2e)/i.test(url.pathname)) return false;
  if (url.protocol !== base.protocol || url.host !== base.host) return false;
  const basePath = base.pathname.replace(/\/+$/, "");
  return basePath === "" || url.pathname === basePath || url.pathname.startsWith(`${basePath}/`);
}
