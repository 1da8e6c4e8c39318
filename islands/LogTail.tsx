import { useEffect, useLayoutEffect, useRef } from "preact/hooks";
import { useSignal } from "@preact/signals";
import { LogLine, type LogLineData } from "@/components/contexts/LogLine.tsx";
import { timeMode } from "@/components/contexts/log_time.ts";
import {
  liveOn,
  tailPaused as paused,
  tailState,
  tailUnseen as unseen,
} from "@/components/contexts/log_signals.ts";

const KEEP = 1000;

/**
 * The live tail's lines: while the switch (LiveToggle) is on, appends lines that match the
 * page's filters as they arrive (Server-Sent Events), keeps the view at the newest line, and
 * pauses when the reader scrolls up, counting what arrived meanwhile. The log box scrolls
 * with `flex-col-reverse`, so its scrollTop is 0 at the bottom and negative above it.
 */
export default function LogTail(
  props: { streamUrl: string; q: string | null; permalink: string; showDate: boolean },
) {
  const lines = useSignal<LogLineData[]>([]);
  const root = useRef<HTMLDivElement>(null);
  const before = useRef<{ top: number; height: number } | null>(null);
  const box = () => root.current?.closest<HTMLElement>("[data-log-scroll]") ?? null;

  useEffect(() => {
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
    if (!liveOn.value) return;
    const last = lines.value[lines.value.length - 1];
    const stream = new URL(props.streamUrl, location.href);
    if (last) stream.searchParams.set("after_id", String(last.id));
    tailState.value = "connecting";
    const source = new EventSource(stream);
    source.onopen = () => tailState.value = "live";
    source.onerror = () => tailState.value = "retrying";
    source.onmessage = (event) => {
      const el = box();
      // Hold the reader's place: content added below must not move what they are reading.
      if (el && paused.value) before.current = { top: el.scrollTop, height: el.scrollHeight };
      lines.value = [...lines.value.slice(-(KEEP - 1)), JSON.parse(event.data) as LogLineData];
      if (paused.value) unseen.value++;
    };
    return () => source.close();
  }, [liveOn.value]);

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

  return (
    // display: contents, so the sticky bar below sticks within the whole scrolled content, not
    // only within this island (which sits at its foot, out of view once the reader scrolls up).
    <div ref={root} class="contents">
      {lines.value.length > 0 && (
        <ol class="logs border-t border-slate-100" aria-label="Live lines">
          {lines.value.map((line) => (
            <LogLine
              key={line.id}
              line={line}
              q={props.q}
              permalink={`${props.permalink}${line.id}#L${line.id}`}
              showDate={props.showDate}
              mode={timeMode.value}
            />
          ))}
        </ol>
      )}
      {liveOn.value && paused.value && (
        <div class="sticky bottom-0 flex items-center justify-center gap-3 border-t border-slate-200 bg-white/95 px-3 py-2 text-sm">
          <span class="text-slate-600">
            {unseen.value ? `${unseen.value} new line${unseen.value === 1 ? "" : "s"}` : "Paused"}
          </span>
          <button type="button" onClick={jump} class="font-medium text-indigo-700 hover:underline">
            Jump to latest
          </button>
        </div>
      )}
    </div>
  );
}
