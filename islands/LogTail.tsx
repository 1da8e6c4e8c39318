import { useSignal } from "@preact/signals";
import { useEffect, useLayoutEffect, useRef } from "preact/hooks";
import { LogLine, type LogLineData } from "@/components/contexts/LogLine.tsx";

const KEEP = 1000;

/**
 * The live tail switch: appends lines that match the page's filters as they arrive (Server-
 * Sent Events), keeps the view at the newest line, and pauses when the reader scrolls up,
 * counting what arrived meanwhile. The log box scrolls with `flex-col-reverse`, so its
 * scrollTop is 0 at the bottom and negative above it.
 */
export default function LogTail(
  props: { streamUrl: string; q: string | null; permalink: string; showDate: boolean; on: boolean },
) {
  const on = useSignal(props.on);
  const ready = useSignal(false);
  const state = useSignal<"connecting" | "live" | "retrying">("connecting");
  const lines = useSignal<LogLineData[]>([]);
  const unseen = useSignal(0);
  const paused = useSignal(false);
  const root = useRef<HTMLDivElement>(null);
  const before = useRef<{ top: number; height: number } | null>(null);
  const box = () => root.current?.closest<HTMLElement>("[data-log-scroll]") ?? null;

  useEffect(() => {
    ready.value = true;
    const el = box();
    if (!el) return;
    const onScroll = () => {
      paused.value = el.scrollTop < -8;
      if (!paused.value) unseen.value = 0;
    };
    el.addEventListener("scroll", onScroll, { passive: true });
    return () => el.removeEventListener("scroll", onScroll);
  }, []);

  useEffect(() => {
    const url = new URL(location.href);
    if (on.value) url.searchParams.set("live", "1");
    else url.searchParams.delete("live");
    history.replaceState(null, "", url);
    if (!on.value) return;
    const last = lines.value[lines.value.length - 1];
    const stream = new URL(props.streamUrl, location.href);
    if (last) stream.searchParams.set("after_id", String(last.id));
    state.value = "connecting";
    const source = new EventSource(stream);
    source.onopen = () => state.value = "live";
    source.onerror = () => state.value = "retrying";
    source.onmessage = (event) => {
      const el = box();
      // Hold the reader's place: content added below must not move what they are reading.
      if (el && paused.value) before.current = { top: el.scrollTop, height: el.scrollHeight };
      lines.value = [...lines.value.slice(-(KEEP - 1)), JSON.parse(event.data) as LogLineData];
      if (paused.value) unseen.value++;
    };
    return () => source.close();
  }, [on.value]);

  useLayoutEffect(() => {
    const el = box();
    const held = before.current;
    before.current = null;
    if (el && held) el.scrollTop = held.top - (el.scrollHeight - held.height);
  }, [lines.value]);

  function jump() {
    const el = box();
    if (el) el.scrollTop = 0;
    unseen.value = 0;
    paused.value = false;
  }

  const status = !on.value
    ? "Off"
    : state.value === "connecting"
    ? "Connecting…"
    : state.value === "retrying"
    ? "Reconnecting…"
    : paused.value
    ? `Paused while you read${
      unseen.value ? `: ${unseen.value} new line${unseen.value === 1 ? "" : "s"}` : ""
    }`
    : "Live: new lines appear below";
  return (
    // display: contents, so the sticky bar below sticks within the whole scrolled content, not
    // only within this island (which sits at its foot, out of view once the reader scrolls up).
    <div ref={root} class="contents">
      {lines.value.length > 0 && (
        <ol class="divide-y divide-slate-100 border-t border-slate-100" aria-label="Live lines">
          {lines.value.map((line) => (
            <LogLine
              key={line.id}
              line={line}
              q={props.q}
              permalink={`${props.permalink}${line.id}#L${line.id}`}
              showDate={props.showDate}
            />
          ))}
        </ol>
      )}
      <div class="sticky bottom-0 flex flex-wrap items-center gap-x-3 gap-y-1 border-t border-slate-200 bg-white/95 px-3 py-2 text-sm">
        <button
          type="button"
          role="switch"
          aria-checked={on.value}
          disabled={!ready.value}
          title={ready.value ? undefined : "The live tail needs JavaScript"}
          onClick={() => on.value = !on.value}
          class="inline-flex items-center gap-2 rounded-full font-medium text-slate-800 focus-visible:outline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600 disabled:opacity-50"
        >
          <span
            class={`relative inline-flex h-5 w-9 shrink-0 items-center rounded-full transition ${
              on.value ? "bg-emerald-500" : "bg-slate-300"
            }`}
          >
            <span
              class={`inline-block h-4 w-4 rounded-full bg-white shadow transition ${
                on.value ? "translate-x-4" : "translate-x-0.5"
              }`}
            />
          </span>
          Live tail
        </button>
        <span class="text-slate-600" role="status" aria-live="polite">{status}</span>
        {on.value && paused.value && (
          <button type="button" onClick={jump} class="font-medium text-indigo-700 hover:underline">
            Jump to latest
          </button>
        )}
      </div>
    </div>
  );
}
