import CopyButton from "@/islands/CopyButton.tsx";
import { ScrollBox } from "./ScrollBox.tsx";

/** A block of code or a command with a copy button; usable as plain text before hydration. */
export function CodeBlock({ code, label }: { code: string; label?: string }) {
  return (
    <div class="relative min-w-0 max-w-full rounded-lg bg-slate-900 text-slate-100">
      {label && (
        <div class="px-4 pt-3 text-xs font-medium uppercase tracking-wide text-slate-400">
          {label}
        </div>
      )}
      <ScrollBox label={label ?? "Code"} class="rounded-lg">
        <pre class="px-4 py-3 pr-24 text-sm leading-relaxed"><code class="font-mono">{code}</code></pre>
      </ScrollBox>
      <div class="absolute right-3 top-3">
        <CopyButton text={code} />
      </div>
    </div>
  );
}
