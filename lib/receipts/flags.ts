// Which capabilities a run used beyond what its version declares or its context's policy
// allows. Matching is the verifier's (lib/verifier/policy.ts isAllowed), so a path or URL is
// "within" here exactly when the capability ceiling check says so.
import { type Capability, isAllowed, type Policy, scopeCeiling } from "../verifier/policy.ts";

/** One entry of caps_used with what was found about it; null when there was nothing to compare. */
export interface UsedCapability {
  text: string;
  capability: Capability;
  /** The version's manifest does not declare it (null: the version is not known). */
  undeclared: boolean | null;
  /** The context's policy does not allow it (null: the context has no policy). */
  denied: boolean | null;
}

// Receipts name network access `net:<url>` (spec/test-vectors/receipt); manifests `net.http`.
const KIND_ALIASES: Record<string, string> = { net: "net.http" };

/** A caps_used entry `kind:value` (split at the first colon) as a manifest capability. */
export function usedCapability(text: string): Capability {
  const colon = text.indexOf(":");
  const kind = colon < 0 ? text : text.slice(0, colon);
  return { kind: KIND_ALIASES[kind] ?? kind, value: colon < 0 ? "" : text.slice(colon + 1) };
}

/** Whether the manifest declares the used capability: the same one, or a scope that holds it. */
export function isDeclared(used: Capability, declared: readonly Capability[]): boolean {
  return declared.some((d) => {
    if (d.kind !== used.kind) return false;
    if (d.value === used.value) return true;
    const ceiling = scopeCeiling(d);
    return ceiling !== null && isAllowed(used, ceiling);
  });
}

/** Each capability a run used, flagged against the version's manifest and the context's policy. */
export function flagCapabilities(
  capsUsed: readonly string[],
  declared: readonly Capability[] | null,
  policy: Policy | null,
): UsedCapability[] {
  return capsUsed.map((text) => {
    const capability = usedCapability(text);
    return {
      text,
      capability,
      undeclared: declared === null ? null : !isDeclared(capability, declared),
      denied: policy === null ? null : !isAllowed(capability, policy.capability_ceiling),
    };
  });
}

/** The capabilities of a stored manifest, or null when it has none in the expected shape. */
export function manifestCapabilities(
  manifest: Record<string, unknown> | null,
): Capability[] | null {
  const caps = manifest?.capabilities;
  if (!Array.isArray(caps)) return null;
  return caps.filter((c): c is Capability =>
    typeof c?.kind === "string" && typeof c?.value === "string"
  );
}
