// Download counts per version and UTC day. A download only bumps a number in memory; a job
// adds the numbers to the database in one batch (on an interval and at shutdown), so the
// download's hot path never waits for a write. Repeated downloads of one version by the same
// user (any session or token) or, signed out, the same IP within a burst window count once,
// so a CI loop or a retrying client does not inflate the numbers.
import { and, eq, gte, sql, sum } from "drizzle-orm";
import type { Db } from "../db/client.ts";
import { packages, versionDownloads } from "../db/schema.ts";
import type { Actor } from "../access/policy.ts";
import type { Clock } from "../clock.ts";
import { startPeriodic } from "../jobs.ts";
import type { Logger } from "../log.ts";
import { DAY, MINUTE, SECOND } from "../time.ts";

/** Repeats within this window after a counted download of a version by one caller are free. */
export const DOWNLOAD_BURST_MS = 10 * MINUTE;
/** Callers remembered for the burst rule; past this, the oldest are forgotten first. */
const MAX_REMEMBERED = 100_000;

/** A download's identity for counting. */
export interface CountedDownload {
  versionId: string;
  packageId: string;
}

/** UTC day of a time, as stored: YYYY-MM-DD. */
export function dayOf(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** Who a download is counted for: the user, else the IP (null IP: one anonymous bucket). */
function callerKey(actor: Actor): string {
  return actor.kind === "user" ? `u:${actor.userId}` : `ip:${actor.ip ?? ""}`;
}

/** Counts downloads in memory until `flush` adds them to the database. */
export class DownloadCounter {
  #pending = new Map<string, { versionId: string; packageId: string; day: string; n: number }>();
  // Insertion order is the order of last counting (re-set on each count), oldest first.
  #lastCounted = new Map<string, number>();
  #clock: Clock;

  constructor(clock: Clock) {
    this.#clock = clock;
  }

  /** Counts one download unless the same caller counted this version within the burst window. */
  record(download: CountedDownload, actor: Actor): void {
    const now = this.#clock().getTime();
    const who = `${download.versionId}|${callerKey(actor)}`;
    const last = this.#lastCounted.get(who);
    if (last !== undefined && now - last < DOWNLOAD_BURST_MS) return;
    this.#lastCounted.delete(who);
    this.#lastCounted.set(who, now);
    if (this.#lastCounted.size > MAX_REMEMBERED) {
      this.#lastCounted.delete(this.#lastCounted.keys().next().value!);
    }
    const day = dayOf(new Date(now));
    const key = `${download.versionId}|${day}`;
    const entry = this.#pending.get(key);
    if (entry) entry.n++;
    else this.#pending.set(key, { ...download, day, n: 1 });
  }

  /** Downloads counted and not yet flushed (for tests and the shutdown log). */
  get pending(): number {
    let n = 0;
    for (const entry of this.#pending.values()) n += entry.n;
    return n;
  }

  /**
   * Adds the pending counts to the database in one batch. On failure they go back to the
   * pending counts for the next flush, so a busy database loses nothing.
   */
  async flush(db: Db): Promise<number> {
    this.#forgetOld();
    const entries = [...this.#pending.values()];
    if (entries.length === 0) return 0;
    this.#pending.clear();
    try {
      // A version deleted since (with its package) simply adds nothing: the SELECT finds no row.
      const byPackage = new Map<string, number>();
      for (const e of entries) byPackage.set(e.packageId, (byPackage.get(e.packageId) ?? 0) + e.n);
      const [first, ...rest] = [
        ...entries.map((e) =>
          db.run(sql`INSERT INTO version_downloads (version_id, package_id, day, count)
            SELECT id, package_id, ${e.day}, ${e.n} FROM package_versions WHERE id = ${e.versionId}
            ON CONFLICT (version_id, day) DO UPDATE SET count = count + excluded.count`)
        ),
        ...[...byPackage].map(([id, n]) =>
          db.update(packages).set({ downloadCount: sql`${packages.downloadCount} + ${n}` })
            .where(eq(packages.id, id))
        ),
      ];
      await db.batch([first!, ...rest]);
    } catch (error) {
      for (const e of entries) {
        const key = `${e.versionId}|${e.day}`;
        const entry = this.#pending.get(key);
        if (entry) entry.n += e.n;
        else this.#pending.set(key, e);
      }
      throw error;
    }
    return entries.reduce((n, e) => n + e.n, 0);
  }

  #forgetOld(): void {
    const cutoff = this.#clock().getTime() - DOWNLOAD_BURST_MS;
    for (const [who, at] of this.#lastCounted) {
      if (at >= cutoff) break;
      this.#lastCounted.delete(who);
    }
  }
}

/** Flushes every 30 seconds; returns the function that stops it (then flush once more). */
export function startDownloadFlush(
  services: { db: Db; downloads: DownloadCounter; logger: Logger },
  options: { everyMs?: number } = {},
): () => void {
  const everyMs = options.everyMs ?? 30 * SECOND;
  return startPeriodic("download count flush", async () => {
    await services.downloads.flush(services.db);
  }, { firstAfterMs: everyMs, everyMs, logger: services.logger });
}

/** A total and a per-day series, oldest day first, zero-filled. */
export interface DownloadStats {
  total: number;
  days: { day: string; count: number }[];
}

/** Downloads of a package (or one of its versions): the total and the last `days` days. */
export async function downloadStats(
  db: Db,
  scope: { packageId: string; versionId?: string },
  options: { now: Date; days?: number },
): Promise<DownloadStats> {
  const span = options.days ?? 30;
  const first = dayOf(new Date(options.now.getTime() - (span - 1) * DAY));
  const where = scope.versionId
    ? eq(versionDownloads.versionId, scope.versionId)
    : eq(versionDownloads.packageId, scope.packageId);
  const [totals, recent] = await Promise.all([
    db.select({ total: sum(versionDownloads.count) }).from(versionDownloads).where(where),
    db.select({ day: versionDownloads.day, count: sum(versionDownloads.count) })
      .from(versionDownloads).where(and(where, gte(versionDownloads.day, first)))
      .groupBy(versionDownloads.day),
  ]);
  const byDay = new Map(recent.map((r) => [r.day, Number(r.count ?? 0)]));
  const days = Array.from({ length: span }, (_, i) => {
    const day = dayOf(new Date(options.now.getTime() - (span - 1 - i) * DAY));
    return { day, count: byDay.get(day) ?? 0 };
  });
  return { total: Number(totals[0]?.total ?? 0), days };
}

/** Total downloads of each of a package's versions, by version id. */
export async function versionTotals(db: Db, packageId: string): Promise<Map<string, number>> {
  const rows = await db.select({ id: versionDownloads.versionId, n: sum(versionDownloads.count) })
    .from(versionDownloads).where(eq(versionDownloads.packageId, packageId))
    .groupBy(versionDownloads.versionId);
  return new Map(rows.map((r) => [r.id, Number(r.n ?? 0)]));
}
