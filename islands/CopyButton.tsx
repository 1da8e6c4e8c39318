import { useSignal } from "@preact/signals";

/** Copies `text` to the clipboard and says so; the text itself stays selectable without JS. */
export default function CopyButton(props: { text: string; label?: string }) {
  const status = useSignal<"idle" | "copied" | "failed">("idle");
  async function copy() {
    try {
      await navigator.clipboard.writeText(props.text);
      status.value = "copied";
    } catch {
      status.value = "failed";
    }
    setTimeout(() => status.value = "idle", 2000);
  }
  const label = props.label ?? "Copy";
  return (
    <button
      type="button"
      onClick={copy}
      aria-label={status.value === "idle" ? `${label} to clipboard` : undefined}
      class="inline-flex items-center gap-1 rounded-md bg-white px-2.5 py-1 text-xs font-semibold text-slate-700 ring-1 ring-inset ring-slate-300 hover:bg-slate-50 focus-visible:outline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600"
    >
      <span aria-live="polite">
        {status.value === "copied"
          ? "Copied"
          : status.value === "failed"
          ? "Press Ctrl+C to copy"
          : label}
      </span>
    </button>
  );
}
