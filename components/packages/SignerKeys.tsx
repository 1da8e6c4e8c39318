import type { ComponentChildren } from "preact";
import type { SignerKey } from "@/lib/packages/signer_keys.ts";
import type { KeyEvent, SignerFact } from "@/lib/packages/trust.ts";
import { keyHistory, sameKeysSince } from "@/lib/packages/trust.ts";
import type { KeyCheck } from "@/lib/packages/bundle/keys.ts";
import { ui } from "@/components/styles.ts";

const STATUS_TONE = {
  pinned: "bg-emerald-50 text-emerald-800 ring-emerald-200",
  active: "bg-emerald-50 text-emerald-800 ring-emerald-200",
  retired: "bg-slate-100 text-slate-600 ring-slate-200",
  unpinned: "bg-amber-50 text-amber-900 ring-amber-300",
  new: "bg-sky-50 text-sky-900 ring-sky-200",
} as const;

/** A key's status as a small pill. */
export function KeyStatus({ status }: { status: keyof typeof STATUS_TONE }) {
  const label = status === "new" ? "new key" : status;
  return (
    <span
      class={`rounded px-1.5 py-0.5 text-xs font-medium ring-1 ring-inset ${STATUS_TONE[status]}`}
    >
      {label}
    </span>
  );
}

function Fingerprint({ value }: { value: string | null }) {
  return value
    ? <code class="block break-all font-mono text-xs text-slate-900">{value}</code>
    : <span class={ui.absent}>unknown</span>;
}

/** The package's pinned keys and their history; `actions` adds a button per key (settings). */
export function PinnedKeyList(
  props: { keys: SignerKey[]; actions?: (key: SignerKey) => ComponentChildren },
) {
  if (props.keys.length === 0) {
    return (
      <p class="text-sm text-slate-600">
        No key pinned yet: the first version published pins the keys that sign it.
      </p>
    );
  }
  const same = sameKeysSince(props.keys);
  return (
    <div class="space-y-3">
      {same && <p class="text-sm font-medium text-emerald-800">{same}</p>}
      <ul class="space-y-3">
        {props.keys.map((k) => (
          <li class="min-w-0 space-y-1">
            <div class="flex flex-wrap items-center gap-2">
              <code class="break-all font-mono text-xs font-semibold text-slate-900">
                {k.signer}
              </code>
              <KeyStatus status={k.status} />
              <span class="text-xs text-slate-500">{keyHistory(k)}</span>
              {props.actions?.(k)}
            </div>
            <Fingerprint value={k.fingerprint} />
          </li>
        ))}
      </ul>
    </div>
  );
}

const EVENT_TEXT: Record<KeyEvent, (v: string) => string> = {
  first_publish: (v) => `The first version: ${v} pinned the keys that signed it.`,
  same_keys: () => "Signed with keys the package already pinned.",
  rotation: (v) =>
    `Key rotation: ${v} is signed by a pinned key and a new one, so the new key is pinned from ${v} on.`,
  history: (v) => `${v} brought a key before keys were pinned; it was pinned from its versions.`,
};

/** Each signature of a version: fingerprint, whether its key is pinned, and since when. */
export function VersionSigners(
  { signers, event, version }: { signers: SignerFact[]; event: KeyEvent; version: string },
) {
  return (
    <div class="space-y-3">
      <p class={`text-sm ${event === "rotation" ? "font-medium text-sky-900" : "text-slate-700"}`}>
        {EVENT_TEXT[event](version)}
      </p>
      <ul class="space-y-3">
        {signers.map((s) => (
          <li class="min-w-0 space-y-1">
            <div class="flex flex-wrap items-center gap-2">
              <code class="break-all font-mono text-xs font-semibold text-slate-900">
                {s.signer}
              </code>
              <span class="text-xs text-slate-500">{s.algorithm}</span>
              <KeyStatus status={s.status} />
              {s.key && <span class="text-xs text-slate-500">{keyHistory(s.key)}</span>}
            </div>
            <Fingerprint value={s.fingerprint} />
          </li>
        ))}
      </ul>
    </div>
  );
}

const OUTCOME_TEXT = {
  first_publish:
    "A new package: publishing pins these keys. Later versions must be signed by one of them.",
  pinned: "Every key that signed this bundle is pinned for the package.",
  rotation: "Key rotation: a pinned key signed, so the new keys are pinned when you publish.",
} as const;

/** The review step: do the bundle's keys match the pinned set? */
export function ReviewKeys({ check, refusal }: { check: KeyCheck | null; refusal: string | null }) {
  if (refusal) {
    return (
      <p
        role="alert"
        class="rounded-md bg-red-50 px-3 py-2 text-sm text-red-900 ring-1 ring-inset ring-red-200"
      >
        <strong>The keys do not match.</strong> {refusal}
      </p>
    );
  }
  if (!check) return <p class="text-sm text-slate-600">Checked once the signatures verify.</p>;
  return (
    <div class="space-y-3">
      <p
        class={`text-sm ${
          check.outcome === "pinned" ? "text-emerald-800" : "font-medium text-sky-900"
        }`}
      >
        {OUTCOME_TEXT[check.outcome]}
      </p>
      <ul class="space-y-2">
        {check.signers.map((s) => (
          <li class="min-w-0 space-y-1">
            <div class="flex flex-wrap items-center gap-2">
              <code class="break-all font-mono text-xs font-semibold text-slate-900">
                {s.signer}
              </code>
              <KeyStatus status={check.outcome === "first_publish" ? "new" : s.status} />
            </div>
            <Fingerprint value={s.fingerprint} />
          </li>
        ))}
      </ul>
    </div>
  );
}
