import { useEffect } from "preact/hooks";
import { useSignal } from "@preact/signals";
import {
  formatLineTime,
  formatMinute,
  localIso,
  storedTimeMode,
  storeTimeMode,
  type TimeMode,
  timeMode,
} from "@/components/contexts/log_time.ts";

/**
 * UTC or local times, remembered in this browser. The server writes UTC; this rewrites the
 * viewer's server-rendered times and shows the custom range in the chosen zone, converting
 * it back to UTC on submit, so the URL always holds absolute times.
 */
export default function TimeToggle() {
  const ready = useSignal(false);
  useEffect(() => {
    const form = document.getElementById("log-filters") as HTMLFormElement | null;
    for (const input of rangeInputs()) input.dataset.utc = input.value;
    // The local value goes out as an absolute time in a hidden field of the same name (a
    // datetime-local input cannot hold a zone); the visible one is left out by losing its name.
    const toUtc = () => {
      if (timeMode.value !== "local") return;
      for (const input of rangeInputs()) {
        if (!input.value || !input.name) continue;
        const hidden = Object.assign(document.createElement("input"), {
          type: "hidden",
          name: input.name,
          value: new Date(input.value).toISOString(),
        });
        input.dataset.name = input.name;
        input.removeAttribute("name");
        input.after(hidden);
      }
    };
    form?.addEventListener("submit", toUtc);
    timeMode.value = storedTimeMode();
    ready.value = true;
    return () => form?.removeEventListener("submit", toUtc);
  }, []);
  useEffect(() => {
    if (ready.value) show(timeMode.value);
  }, [timeMode.value, ready.value]);
  const choose = (mode: TimeMode) => {
    timeMode.value = mode;
    storeTimeMode(mode);
  };
  const current = ready.value ? timeMode.value : "utc";
  return (
    <span class="inline-flex items-center gap-2" role="group" aria-label="Times">
      <span class="text-slate-600">Times</span>
      <span class="inline-flex overflow-hidden rounded-md ring-1 ring-inset ring-slate-300">
        {(["utc", "local"] as const).map((mode) => (
          <button
            type="button"
            aria-pressed={current === mode}
            disabled={!ready.value}
            title={ready.value ? undefined : "Local times need JavaScript"}
            onClick={() => choose(mode)}
            class={`px-2 py-0.5 text-xs disabled:opacity-60 ${
              current === mode ? "bg-indigo-600 text-white" : "bg-white text-slate-700"
            }`}
          >
            {mode === "utc" ? "UTC" : "Local"}
          </button>
        ))}
      </span>
    </span>
  );
}

function rangeInputs(): HTMLInputElement[] {
  return ["log-from", "log-to"].flatMap((id) => {
    const el = document.getElementById(id);
    return el instanceof HTMLInputElement ? [el] : [];
  });
}

function show(mode: TimeMode) {
  for (const el of document.querySelectorAll<HTMLTimeElement>("#log-lines time")) {
    el.textContent = formatLineTime(el.dateTime, mode, el.textContent!.includes(" "));
  }
  for (const el of document.querySelectorAll<HTMLTimeElement>("time[data-minute]")) {
    el.textContent = formatMinute(new Date(el.dateTime), mode);
  }
  for (const input of rangeInputs()) {
    const utc = input.dataset.utc ?? "";
    input.value = utc && mode === "local" ? localIso(new Date(`${utc}Z`)).slice(0, 19) : utc;
  }
  const zone = document.getElementById("log-range-zone");
  if (zone) zone.textContent = mode === "local" ? "local time" : "UTC";
}
