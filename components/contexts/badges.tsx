// Severity badges (and the shared status badge): a colour and the word, so neither colour alone nor position
// carries the meaning.

// One status badge for packages and contexts (components/StatusBadge.tsx).
export { StatusBadge } from "@/components/StatusBadge.tsx";

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
