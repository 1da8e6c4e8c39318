// A lease in the database so that, with several instances, one evaluates alerts at a time.
// The holder renews it on every run; if it stops (crashed, paused), anyone may take the
// lease once it has expired. Taking it is one conditional UPDATE: of two instances racing,
// SQLite serializes the writes and the second finds the lease held.
import { sql } from "drizzle-orm";
import type { Db } from "../db/client.ts";

/** Takes or renews the lease `name` for `holder` until now + ttlMs; whether it is held. */
export async function takeLease(
  db: Db,
  name: string,
  holder: string,
  now: Date,
  ttlMs: number,
): Promise<boolean> {
  const t = now.getTime();
  // The row exists from the first run on (an expired lease nobody holds).
  await db.run(sql`INSERT OR IGNORE INTO job_leases (name, holder, expires_at)
    VALUES (${name}, '', 0)`);
  const result = await db.run(sql`UPDATE job_leases SET holder = ${holder},
      expires_at = ${t + ttlMs}
    WHERE name = ${name} AND (holder = ${holder} OR expires_at <= ${t})`);
  return result.rowsAffected === 1;
}

/** Gives the lease up (a clean shutdown), so another instance need not wait for expiry. */
export async function releaseLease(db: Db, name: string, holder: string): Promise<void> {
  await db.run(sql`UPDATE job_leases SET expires_at = 0
    WHERE name = ${name} AND holder = ${holder}`);
}
