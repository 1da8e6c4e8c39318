// State the viewer's islands share (the bundle splits shared modules into one chunk, so each
// island sees the same signals): whether the live tail is on and what it is doing.
import { signal } from "@preact/signals";

export const liveOn = signal(false);
export const tailState = signal<"connecting" | "live" | "retrying">("connecting");
/** The reader scrolled up, and how many lines arrived since. */
export const tailPaused = signal(false);
export const tailUnseen = signal(0);

export function tailStatus(): string {
  if (!liveOn.value) return "Off";
  if (tailState.value === "connecting") return "Connecting…";
  if (tailState.value === "retrying") return "Reconnecting…";
  if (!tailPaused.value) return "Live: new lines appear below";
  const n = tailUnseen.value;
  return `Paused while you read${n ? `: ${n} new line${n === 1 ? "" : "s"}` : ""}`;
}
