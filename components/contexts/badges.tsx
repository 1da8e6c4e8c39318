// Status and severity badges: a colour and the word, so neither colour alone nor position
// carries the meaning.

const STATUS = {
  starting: { badge: "bg-sky-50 text-sky-800 ring-sky-200", dot: "bg-sky-500" },
  running: { badge: "bg-emerald-50 text-emerald-800 ring-emerald-200", dot: "bg-emerald-500" },
  stopped: { badge: "bg-slate-100 text-slate-700 ring-slate-300", dot: "bg-slate-400" },
  failed: { badge: "bg-red-50 text-red-800 ring-red-200", dot: "bg-red-500" },
} as const;

export function StatusBadge({ status }: { status: keyof typeof STATUS }) {
  const s = STATUS[status];
  return (
    <span
      class={`inline-flex items-center gap-1.5 whitespace-nowrap rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${s.badge}`}
    >
      <span class={`h-1.5 w-1.5 rounded-full ${s.dot}`} aria-hidden="true" />
      {status}
    </span>
  );
}

const SEVERITY: Record<string, string> = {
  debug: "bg-slate-100 text-slate-600",
  info: "bg-sky-50 text-sky-800",
  warn: "bg-amber-100 text-amber-900",
  error: "bg-red-100 text-red-800",
};

export function SeverityBadge({ severity }: { severity: string }) {
  return (
    <span
      class={`inline-block w-12 rounded px-1 text-center font-mono text-[11px] font-semibold uppercase leading-5 tracking-wide ${
        SEVERITY[severity] ?? SEVERITY.debug
      }`}
    >
      {severity}
    </span>
  );
}

/** Fill colours of the histogram's stacked bars, debug to error (SVG attributes). */
export const SEVERITY_FILL = ["#cbd5e1", "#38bdf8", "#f59e0b", "#ef4444"];

/** The legend swatches matching SEVERITY_FILL. */
export const SEVERITY_SWATCH = ["bg-slate-300", "bg-sky-400", "bg-amber-500", "bg-red-500"];
