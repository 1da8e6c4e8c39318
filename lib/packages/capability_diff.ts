// What a version asks for compared with the version before it (by semver order), in the terms
// of docs/bundle-format.md "Capability changes". "Widened" and "narrowed" use the verifier's
// own matching (lib/verifier/policy.ts): a value is wider than another when a policy allowing
// the first would allow the second, so the page says exactly what a runtime's policy would see.
import { type Capability, isAllowed, scopeCeiling } from "../verifier/policy.ts";

/** One capability that changed its scope: from the old value to the new. */
export interface Scoped {
  kind: string;
  from: string;
  to: string;
}

export interface CapabilityChange {
  /** The version compared with; null for the first version (then nothing is marked). */
  previous: string | null;
  added: Capability[];
  removed: Capability[];
  widened: Scoped[];
  narrowed: Scoped[];
  /** Added or widened: the version asks for more than the previous one. */
  increased: boolean;
}

/** Whether `wide` allows everything `narrow` does, and more: same kind, a broader scope. */
export function covers(wide: Capability, narrow: Capability): boolean {
  if (wide.kind !== narrow.kind || wide.value === narrow.value) return false;
  const ceiling = scopeCeiling(wide);
  return ceiling !== null && isAllowed(narrow, ceiling);
}

const same = (a: Capability) => (b: Capability) => a.kind === b.kind && a.value === b.value;

/** The difference between two capability lists; `previous` null means a first version. */
export function diffCapabilities(
  before: readonly Capability[] | null,
  after: readonly Capability[],
  previous: string | null,
): CapabilityChange {
  if (before === null) {
    return { previous: null, added: [], removed: [], widened: [], narrowed: [], increased: false };
  }
  const fresh = after.filter((c) => !before.some(same(c)));
  const gone = before.filter((c) => !after.some(same(c)));
  const widened: Scoped[] = [];
  const narrowed: Scoped[] = [];
  const added: Capability[] = [];
  const matched = new Set<Capability>();
  for (const c of fresh) {
    const wider = gone.find((old) => covers(c, old));
    const narrower = wider ? undefined : gone.find((old) => covers(old, c));
    const old = wider ?? narrower;
    if (old) {
      matched.add(old);
      (wider ? widened : narrowed).push({ kind: c.kind, from: old.value, to: c.value });
    } else added.push(c);
  }
  // An old scope the new list still covers (two paths merged into their parent) is not removed.
  const removed = gone.filter((c) => !matched.has(c) && !after.some((n) => covers(n, c)));
  const increased = added.length > 0 || widened.length > 0;
  return { previous, added, removed, widened, narrowed, increased };
}

/** The capabilities a stored manifest lists (anything malformed reads as nothing). */
export function capabilitiesOf(manifest: Record<string, unknown>): Capability[] {
  const list = manifest.capabilities;
  if (!Array.isArray(list)) return [];
  return list.map((c) => ({ kind: String(c?.kind ?? ""), value: String(c?.value ?? "") }));
}

/**
 * Each version's change from the one before it in semver order (prereleases included), keyed by
 * version id; versions in any order.
 */
export function capabilityChanges(
  versions: ReadonlyArray<
    { id: string; version: string; versionOrder: string; manifest: Record<string, unknown> }
  >,
): Map<string, CapabilityChange> {
  const sorted = [...versions].sort((a, b) => a.versionOrder < b.versionOrder ? -1 : 1);
  const changes = new Map<string, CapabilityChange>();
  let previous: (typeof sorted)[number] | null = null;
  for (const v of sorted) {
    const before = previous ? capabilitiesOf(previous.manifest) : null;
    changes.set(
      v.id,
      diffCapabilities(before, capabilitiesOf(v.manifest), previous?.version ?? null),
    );
    previous = v;
  }
  return changes;
}

/** The change a new manifest brings over the package's highest version below it. */
export function changeForNew(
  versions: ReadonlyArray<
    { version: string; versionOrder: string; manifest: Record<string, unknown> }
  >,
  order: string,
  capabilities: readonly Capability[],
): CapabilityChange {
  const below = versions.filter((v) => v.versionOrder < order)
    .sort((a, b) => a.versionOrder < b.versionOrder ? 1 : -1)[0] ?? null;
  return diffCapabilities(
    below ? capabilitiesOf(below.manifest) : null,
    capabilities,
    below?.version ?? null,
  );
}
