import type { CapabilityChange } from "@/lib/packages/capability_diff.ts";

/** A small mark for a version that asks for more than the one before it. */
export function MoreCapabilitiesBadge() {
  return (
    <span
      class="rounded bg-amber-100 px-1.5 py-0.5 text-xs font-medium text-amber-900"
      title="Adds or widens a capability compared with the previous version"
    >
      more capabilities
    </span>
  );
}

const ROW_TONES = {
  added: "text-amber-900",
  widened: "text-amber-900",
  removed: "text-slate-600",
  narrowed: "text-slate-600",
};

/** Added, widened, narrowed and removed capabilities, compared with `change.previous`. */
export function CapabilityDiff({ change }: { change: CapabilityChange }) {
  if (change.previous === null) {
    return <p class="text-sm text-slate-600">The first version: nothing to compare with.</p>;
  }
  const rows = [
    ...change.added.map((c) => ({ what: "added" as const, kind: c.kind, text: c.value })),
    ...change.widened.map((c) => ({
      what: "widened" as const,
      kind: c.kind,
      text: `${c.from} → ${c.to}`,
    })),
    ...change.narrowed.map((c) => ({
      what: "narrowed" as const,
      kind: c.kind,
      text: `${c.from} → ${c.to}`,
    })),
    ...change.removed.map((c) => ({ what: "removed" as const, kind: c.kind, text: c.value })),
  ];
  return (
    <div class="space-y-2">
      <p class="text-sm text-slate-700">
        {rows.length === 0
          ? `The same capabilities as ${change.previous}.`
          : change.increased
          ? `Asks for more than ${change.previous}:`
          : `Asks for less than ${change.previous}:`}
      </p>
      {rows.length > 0 && (
        <ul class="space-y-1 text-sm">
          {rows.map((r) => (
            <li class={`flex min-w-0 flex-wrap items-baseline gap-2 ${ROW_TONES[r.what]}`}>
              <span class="w-20 flex-none text-xs font-semibold uppercase tracking-wide">
                {r.what}
              </span>
              <code class="font-mono text-xs">{r.kind}</code>
              <code class="min-w-0 break-all font-mono text-xs">{r.text}</code>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
