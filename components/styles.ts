// Shared class lists, so buttons, fields and cards look the same everywhere.

const focus =
  "focus-visible:outline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600";

export const ui = {
  focus,
  buttonPrimary:
    `inline-flex items-center justify-center gap-2 rounded-md bg-indigo-600 px-4 py-2 text-sm font-semibold text-white shadow-sm hover:bg-indigo-500 disabled:opacity-50 disabled:cursor-not-allowed ${focus}`,
  buttonSecondary:
    `inline-flex items-center justify-center gap-2 rounded-md bg-white px-4 py-2 text-sm font-semibold text-slate-800 shadow-sm ring-1 ring-inset ring-slate-300 hover:bg-slate-50 disabled:opacity-50 ${focus}`,
  buttonDanger:
    `inline-flex items-center justify-center gap-2 rounded-md bg-red-600 px-4 py-2 text-sm font-semibold text-white shadow-sm hover:bg-red-500 disabled:opacity-50 ${focus}`,
  buttonSmall:
    `inline-flex items-center justify-center gap-1 rounded-md bg-white px-2.5 py-1 text-xs font-semibold text-slate-700 ring-1 ring-inset ring-slate-300 hover:bg-slate-50 ${focus}`,
  link: `font-medium text-indigo-700 underline-offset-2 hover:underline ${focus} rounded-sm`,
  input:
    "block w-full rounded-md border-0 bg-white px-3 py-2 text-slate-900 shadow-sm ring-1 ring-inset ring-slate-300 placeholder:text-slate-400 focus:ring-2 focus:ring-inset focus:ring-indigo-600 sm:text-sm",
  inputInvalid:
    "block w-full rounded-md border-0 bg-white px-3 py-2 text-slate-900 shadow-sm ring-1 ring-inset ring-red-400 focus:ring-2 focus:ring-inset focus:ring-red-600 sm:text-sm",
  label: "block text-sm font-medium text-slate-800",
  card: "rounded-lg bg-white shadow-sm ring-1 ring-slate-200",
  code: "font-mono text-[0.85em] rounded bg-slate-100 px-1.5 py-0.5 text-slate-800",
  h1: "text-2xl font-semibold tracking-tight text-slate-900",
  h2: "text-lg font-semibold text-slate-900",
  muted: "text-sm text-slate-600",
  // For "none", "never", "—" and inactive rows: slate-400 reads too faintly (2.6:1 on white);
  // slate-500 keeps 4.5:1 on white and on slate-50, as WCAG AA asks.
  absent: "text-slate-500",
};
