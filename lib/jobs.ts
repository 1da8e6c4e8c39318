import type { Logger } from "./log.ts";
import { errorFields } from "./log.ts";

/**
 * Runs `task` after `firstAfterMs`, then every `everyMs` after each run ends (never two at
 * once), logging failures instead of stopping. Timers are unref'd so they never keep a process
 * alive. Returns the function that stops it.
 */
export function startPeriodic(
  name: string,
  task: () => Promise<void>,
  options: { firstAfterMs: number; everyMs: number; logger: Logger },
): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;
  const run = async () => {
    try {
      await task();
    } catch (error) {
      options.logger.error(`${name} failed`, errorFields(error));
    }
    if (!stopped) schedule(options.everyMs);
  };
  const schedule = (ms: number) => {
    timer = setTimeout(run, ms);
    Deno.unrefTimer(timer as unknown as number);
  };
  schedule(options.firstAfterMs);
  return () => {
    stopped = true;
    clearTimeout(timer);
  };
}
