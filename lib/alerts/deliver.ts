// Sending scheduled notifications: each attempt is a row of the alert's delivery log. A
// failed attempt schedules the next one after a doubled delay (30 s, 1 min, 2 min, 4 min),
// up to MAX_ATTEMPTS; the network calls happen outside any transaction.
import { and, asc, eq, lte } from "drizzle-orm";
import type { Services } from "../services.ts";
import { alertDeliveries, alerts } from "../db/schema.ts";
import { errorFields } from "../log.ts";
import type { AlertDelivery } from "./alerts.ts";
import { alertMail } from "./mail.ts";
import { DELIVERY_HEADER, EVENT_HEADER, SIGNATURE_HEADER, signBody } from "./signature.ts";
import { isPrivateAddress } from "./targets.ts";

export const MAX_ATTEMPTS = 5;
export const FIRST_RETRY_MS = 30_000;
/** How long a webhook receiver has to answer. */
export const WEBHOOK_TIMEOUT_MS = 10_000;
const BATCH = 50;

type Deps = Pick<Services, "db" | "clock" | "config" | "mailer" | "logger">;

export interface DeliverOptions {
  /** The HTTP client (tests may wrap it); the global fetch by default. */
  fetch?: typeof fetch;
}

/** The wait after failed attempt `attempt` (1-based) before the next one. */
export function retryDelayMs(attempt: number): number {
  return FIRST_RETRY_MS * 2 ** (attempt - 1);
}

/** Sends every delivery that is due; returns how many attempts were made. */
export async function sendDueDeliveries(s: Deps, options: DeliverOptions = {}): Promise<number> {
  const due = await s.db.select().from(alertDeliveries)
    .where(and(eq(alertDeliveries.status, "scheduled"), lte(alertDeliveries.dueAt, s.clock())))
    .orderBy(asc(alertDeliveries.dueAt), asc(alertDeliveries.id)).limit(BATCH);
  let attempts = 0;
  for (const delivery of due) {
    // Claimed by one sender: a second one (an overlapping evaluator) finds it taken.
    const claim = await s.db.update(alertDeliveries).set({ status: "sending" })
      .where(and(eq(alertDeliveries.id, delivery.id), eq(alertDeliveries.status, "scheduled")));
    if (claim.rowsAffected !== 1) continue;
    attempts++;
    const result = await attempt(s, delivery, options);
    await record(s, delivery, result);
  }
  return attempts;
}

interface Result {
  ok: boolean;
  statusCode: number | null;
  error: string | null;
}

async function attempt(s: Deps, d: AlertDelivery, options: DeliverOptions): Promise<Result> {
  try {
    if (d.target === "email") {
      await s.mailer.send({ to: d.destination, ...alertMail(JSON.parse(d.payload)) });
      return { ok: true, statusCode: null, error: null };
    }
    return await postWebhook(s, d, options.fetch ?? fetch);
  } catch (error) {
    s.logger.warn("alert delivery failed", { delivery: d.id, ...errorFields(error) });
    return { ok: false, statusCode: null, error: describeError(error) };
  }
}

async function postWebhook(s: Deps, d: AlertDelivery, send: typeof fetch): Promise<Result> {
  const [alert] = await s.db.select({ secret: alerts.webhookSecret }).from(alerts)
    .where(eq(alerts.id, d.alertId));
  if (!alert) return { ok: false, statusCode: null, error: "the alert was deleted" };
  if (s.config.env === "production") {
    const problem = await resolvesPrivate(new URL(d.destination).hostname);
    if (problem) return { ok: false, statusCode: null, error: problem };
  }
  const res = await send(d.destination, {
    method: "POST",
    redirect: "manual",
    signal: AbortSignal.timeout(WEBHOOK_TIMEOUT_MS),
    headers: {
      "content-type": "application/json",
      "user-agent": "inactu-control-alerts/1",
      [SIGNATURE_HEADER]: await signBody(alert.secret, d.payload),
      [EVENT_HEADER]: d.event,
      [DELIVERY_HEADER]: d.notificationId,
    },
    body: d.payload,
  });
  await res.body?.cancel();
  if (res.status >= 200 && res.status < 300) {
    return { ok: true, statusCode: res.status, error: null };
  }
  return { ok: false, statusCode: res.status, error: `the receiver answered ${res.status}` };
}

async function record(s: Deps, d: AlertDelivery, result: Result): Promise<void> {
  const now = s.clock();
  const done = s.db.update(alertDeliveries).set({
    status: result.ok ? "delivered" : "failed",
    attemptedAt: now,
    statusCode: result.statusCode,
    error: result.error,
  }).where(eq(alertDeliveries.id, d.id));
  if (result.ok || d.attempt >= MAX_ATTEMPTS) {
    await done;
    return;
  }
  const { id: _, ...rest } = d;
  await s.db.batch([
    done,
    s.db.insert(alertDeliveries).values({
      ...rest,
      attempt: d.attempt + 1,
      status: "scheduled",
      dueAt: new Date(now.getTime() + retryDelayMs(d.attempt)),
      attemptedAt: null,
      statusCode: null,
      error: null,
    }),
  ]);
}

/** Why a host is refused: it resolves to a private address (checked at send time, in production). */
async function resolvesPrivate(host: string): Promise<string | null> {
  const h = host.replace(/^\[|\]$/g, "");
  if (isPrivateAddress(h)) return "the webhook host is a private address";
  const found = (await Promise.all([
    Deno.resolveDns(h, "A").catch(() => []),
    Deno.resolveDns(h, "AAAA").catch(() => []),
  ])).flat();
  if (!found.length) return `the webhook host ${h} does not resolve`;
  return found.some(isPrivateAddress) ? "the webhook host resolves to a private address" : null;
}

function describeError(error: unknown): string {
  if (error instanceof DOMException && error.name === "TimeoutError") {
    return `no answer within ${WEBHOOK_TIMEOUT_MS / 1000} s`;
  }
  const message = error instanceof Error ? error.message : String(error);
  return message.slice(0, 300);
}
