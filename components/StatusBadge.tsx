// The one status badge, for packages (status and visibility) and contexts: a colour and the
// word, so neither colour alone nor position carries the meaning.
import type { ComponentChildren } from "preact";
import type { PackageStatus, Visibility } from "@/lib/packages/packages.ts";

type ContextStatus = "starting" | "running" | "stopped" | "failed";
export type BadgeStatus = PackageStatus | Visibility | ContextStatus;

const BASE =
  "inline-flex items-center gap-1 whitespace-nowrap rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset";

export const BADGE_TONES = {
  emerald: "bg-emerald-50 text-emerald-800 ring-emerald-200",
  slate: "bg-slate-100 text-slate-700 ring-slate-300",
  indigo: "bg-indigo-50 text-indigo-700 ring-indigo-200",
  amber: "bg-amber-50 text-amber-900 ring-amber-300",
  sky: "bg-sky-50 text-sky-800 ring-sky-200",
  dark: "bg-slate-700 text-white ring-slate-700",
  red: "bg-red-50 text-red-800 ring-red-200",
} as const;

type Tone = keyof typeof BADGE_TONES;

// Packages say their state as a capitalized word; contexts as the API's word, with a dot.
const STATUS: Record<BadgeStatus, { label: string; tone: Tone; dot?: string }> = {
  active: { label: "Active", tone: "indigo" },
  deprecated: { label: "Deprecated", tone: "amber" },
  unlisted: { label: "Unlisted", tone: "sky" },
  archived: { label: "Archived", tone: "dark" },
  public: { label: "Public", tone: "emerald" },
  private: { label: "Private", tone: "slate" },
  starting: { label: "starting", tone: "sky", dot: "bg-sky-500" },
  running: { label: "running", tone: "emerald", dot: "bg-emerald-500" },
  stopped: { label: "stopped", tone: "slate", dot: "bg-slate-400" },
  failed: { label: "failed", tone: "red", dot: "bg-red-500" },
};

/** A badge with any label in one of the tones (signers, versions). */
export function Badge({ tone, children }: { tone: Tone; children: ComponentChildren }) {
  return <span class={`${BASE} ${BADGE_TONES[tone]}`}>{children}</span>;
}

/** A package's or a context's status (or a package's visibility), in words and colour. */
export function StatusBadge({ status }: { status: BadgeStatus }) {
  const s = STATUS[status];
  return (
    <Badge tone={s.tone}>
      {s.dot && <span class={`h-1.5 w-1.5 rounded-full ${s.dot}`} aria-hidden="true" />}
      {s.label}
    </Badge>
  );
}
