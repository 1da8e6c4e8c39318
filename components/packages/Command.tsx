import CopyButton from "@/islands/CopyButton.tsx";

/** A shell command that wraps instead of scrolling (for narrow columns), with a copy button. */
export function Command({ label, code }: { label: string; code: string }) {
  return (
    <div class="rounded-lg bg-slate-900 text-slate-100">
      <div class="flex items-center justify-between gap-2 px-3 pt-2">
        <span class="text-xs font-medium uppercase tracking-wide text-slate-400">{label}</span>
        <CopyButton text={code} />
      </div>
      <pre class="whitespace-pre-wrap [overflow-wrap:anywhere] px-3 pb-3 pt-2 font-mono text-xs leading-relaxed"><code>{code}</code></pre>
    </div>
  );
}
