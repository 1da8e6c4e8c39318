// How the viewer writes a time: in UTC (the server's rendering, and the default) or in the
// reader's local zone, which the reader picks and the browser remembers. Shared by the
// islands through one signal; URLs and `datetime` attributes always stay absolute (UTC).
import { signal } from "@preact/signals";

export type TimeMode = "utc" | "local";

const KEY = "inactu.log-times";

/** The reader's choice; islands set it from storage when they start. */
export const timeMode = signal<TimeMode>("utc");

export function storedTimeMode(): TimeMode {
  try {
    return localStorage.getItem(KEY) === "local" ? "local" : "utc";
  } catch {
    return "utc";
  }
}

export function storeTimeMode(mode: TimeMode): void {
  try {
    localStorage.setItem(KEY, mode);
  } catch {
    // Private windows may refuse storage: the choice then lasts for this page only.
  }
}

/** `2026-11-25T12:00:05.123Z` as `12:00:05.123`, or `11-25 12:00:05.123` with the date. */
export function formatLineTime(iso: string, mode: TimeMode, showDate: boolean): string {
  const text = mode === "utc" ? iso : localIso(new Date(iso));
  return showDate ? `${text.slice(5, 10)} ${text.slice(11, 23)}` : text.slice(11, 23);
}

/** `2026-11-25 12:00`: minutes, for axes and ranges. */
export function formatMinute(date: Date, mode: TimeMode): string {
  const text = mode === "utc" ? date.toISOString() : localIso(date);
  return text.slice(0, 16).replace("T", " ");
}

/** The datetime-local value (`2026-11-25T12:00:05`) of a date in the reader's zone. */
export function localIso(date: Date): string {
  const shifted = new Date(date.getTime() - date.getTimezoneOffset() * 60_000);
  return shifted.toISOString().slice(0, 23);
}
