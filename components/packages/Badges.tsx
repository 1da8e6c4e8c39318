import type { PackageStatus, Visibility } from "@/lib/packages/packages.ts";

// Every badge has words as well as a colour, so it reads the same without colour vision.
const BASE =
  "inline-flex items-center gap-1 rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset whitespace-nowrap";

const VISIBILITY: Record<Visibility, { label: string; tone: string }> = {
  public: { label: "Public", tone: "bg-emerald-50 text-emerald-800 ring-emerald-200" },
  private: { label: "Private", tone: "bg-slate-100 text-slate-700 ring-slate-300" },
};

const STATUS: Record<PackageStatus, { label: string; tone: string }> = {
  active: { label: "Active", tone: "bg-indigo-50 text-indigo-700 ring-indigo-200" },
  deprecated: { label: "Deprecated", tone: "bg-amber-50 text-amber-900 ring-amber-300" },
  unlisted: { label: "Unlisted", tone: "bg-sky-50 text-sky-800 ring-sky-200" },
  archived: { label: "Archived", tone: "bg-slate-700 text-white ring-slate-700" },
};

/** Private or public, in words and colour. */
export function VisibilityBadge({ visibility }: { visibility: Visibility }) {
  const v = VISIBILITY[visibility];
  return <span class={`${BASE} ${v.tone}`}>{v.label}</span>;
}

/** Active, deprecated, unlisted or archived, in words and colour. */
export function StatusBadge({ status }: { status: PackageStatus }) {
  const s = STATUS[status];
  return <span class={`${BASE} ${s.tone}`}>{s.label}</span>;
}

/** A version's deprecation mark. */
export function DeprecatedBadge() {
  return <span class={`${BASE} ${STATUS.deprecated.tone}`}>Deprecated</span>;
}

/** A signer's verification result. */
export function SignerBadge({ verified }: { verified: boolean }) {
  return verified
    ? (
      <span class={`${BASE} bg-emerald-50 text-emerald-800 ring-emerald-200`}>
        <span aria-hidden="true">✓</span> Verified
      </span>
    )
    : (
      <span class={`${BASE} bg-red-50 text-red-800 ring-red-200`}>
        <span aria-hidden="true">✗</span> Not verified
      </span>
    );
}

/** A package's tags, as small chips; nothing when it has none. */
export function TagList({ tags }: { tags: string[] }) {
  if (tags.length === 0) return null;
  return (
    <ul class="flex flex-wrap gap-1.5" aria-label="Tags">
      {tags.map((t) => (
        <li class="rounded-md bg-slate-100 px-2 py-0.5 font-mono text-xs text-slate-700">{t}</li>
      ))}
    </ul>
  );
}
