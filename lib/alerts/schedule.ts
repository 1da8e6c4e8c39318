// Alerts are evaluated in the server process every minute by whichever instance holds the
// `alerts` lease (lease.ts); the others skip the run. One run evaluates every alert, then
// sends the notifications that are due (new ones and retries).
import type { Services } from "../services.ts";
import { startPeriodic } from "../jobs.ts";
import { DAY, MINUTE } from "../time.ts";
import { pruneDeliveries } from "./alerts.ts";
import { type DeliverOptions, sendDueDeliveries } from "./deliver.ts";
import { evaluateAlerts } from "./evaluate.ts";
import { releaseLease, takeLease } from "./lease.ts";

export const ALERT_LEASE = "alerts";
export const EVALUATE_EVERY_MS = MINUTE;
/** Three runs: a holder that misses two in a row loses the lease. */
export const LEASE_TTL_MS = 3 * MINUTE;
/** How long the delivery log keeps an attempt. */
export const DELIVERY_LOG_DAYS = 30;

type Deps = Pick<Services, "db" | "clock" | "config" | "mailer" | "logger">;

/** One run as `holder`: nothing unless it holds the lease. Returns whether it did the work. */
export async function runAlerts(
  s: Deps,
  holder: string,
  options: DeliverOptions = {},
): Promise<boolean> {
  if (!await takeLease(s.db, ALERT_LEASE, holder, s.clock(), LEASE_TTL_MS)) return false;
  await evaluateAlerts(s);
  await sendDueDeliveries(s, options);
  await pruneDeliveries(s.db, new Date(s.clock().getTime() - DELIVERY_LOG_DAYS * DAY));
  return true;
}

/** Runs every minute (the first after `firstAfterMs`); returns the function that stops it. */
export function startAlertEvaluator(
  s: Deps,
  options: { firstAfterMs?: number; everyMs?: number } = {},
): () => void {
  const holder = crypto.randomUUID();
  const stop = startPeriodic("alert evaluation", async () => {
    await runAlerts(s, holder);
  }, {
    firstAfterMs: options.firstAfterMs ?? 30_000,
    everyMs: options.everyMs ?? EVALUATE_EVERY_MS,
    logger: s.logger,
  });
  return () => {
    stop();
    releaseLease(s.db, ALERT_LEASE, holder).catch(() => {});
  };
}
