// @preact/signals installs Preact option hooks that record which signals each component reads,
// so that a mounted component re-renders when one changes: an effect per component rendered.
// A server render is never mounted, so on the server that bookkeeping is pure cost (about a
// sixth of the landing page's time, docs/benchmarks.md). main.ts imports this module before
// anything loads @preact/signals; it keeps Preact's hooks as they were then, and
// `withoutSignalTracking` renders with those. Signals' prop hook (`__b`, which renders a signal
// given as a DOM attribute as its value) stays, as does every `vnode` hook (islands).
import { options } from "preact";
import "preact/hooks";

// Preact's mangled names for _render, _catchError and _hook, then diffed and unmount.
const TRACKING = ["__r", "__e", "__h", "diffed", "unmount"] as const;
type Hooks = Record<(typeof TRACKING)[number], unknown>;

const hooks = options as unknown as Hooks;
const before: Hooks = {
  __r: hooks.__r,
  __e: hooks.__e,
  __h: hooks.__h,
  diffed: hooks.diffed,
  unmount: hooks.unmount,
};

/** Runs a server render without signals' per-component tracking, when it was loaded after us. */
export function withoutSignalTracking<T>(render: () => T): T {
  if (TRACKING.every((k) => hooks[k] === before[k])) return render();
  const saved = { ...hooks };
  for (const k of TRACKING) hooks[k] = before[k];
  try {
    return render();
  } finally {
    for (const k of TRACKING) hooks[k] = saved[k];
  }
}
