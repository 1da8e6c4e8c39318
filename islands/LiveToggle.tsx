import { useEffect } from "preact/hooks";
import { useSignal } from "@preact/signals";
import { liveOn, tailStatus } from "@/components/contexts/log_signals.ts";

/**
 * The live tail switch in the viewer's toolbar, with what the tail is doing; the lines
 * themselves arrive in the LogTail island at the foot of the list. `?live=1` starts it on.
 */
export default function LiveToggle(props: { on: boolean }) {
  const ready = useSignal(false);
  useEffect(() => {
    liveOn.value = props.on;
    ready.value = true;
  }, []);
  useEffect(() => {
    if (!ready.value) return;
    const url = new URL(location.href);
    if (liveOn.value) url.searchParams.set("live", "1");
    else url.searchParams.delete("live");
    history.replaceState(null, "", url);
  }, [liveOn.value, ready.value]);
  const on = ready.value ? liveOn.value : props.on;
  return (
    <span class="inline-flex flex-wrap items-center gap-x-3 gap-y-1">
      <button
        type="button"
        role="switch"
        aria-checked={on}
        disabled={!ready.value}
        title={ready.value ? undefined : "The live tail needs JavaScript"}
        onClick={() => liveOn.value = !liveOn.value}
        class="inline-flex items-center gap-2 rounded-full text-slate-800 disabled:opacity-50"
      >
        <span
          class={`relative inline-flex h-5 w-9 shrink-0 items-center rounded-full transition ${
            on ? "bg-emerald-500" : "bg-slate-300"
          }`}
        >
          <span
            class={`inline-block h-4 w-4 rounded-full bg-white shadow transition ${
              on ? "translate-x-4" : "translate-x-0.5"
            }`}
          />
        </span>
        Live tail
      </button>
      <span class="text-slate-600" role="status" aria-live="polite">
        {ready.value ? tailStatus() : "Off"}
      </span>
    </span>
  );
}
