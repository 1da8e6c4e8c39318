// Puts accounts and sessions straight into a database file for the benchmarks, using the
// same service functions the app uses (and one password hash shared by every account).
import { openDatabase } from "../lib/db/client.ts";
import { migrateDatabase } from "../lib/db/migrate.ts";
import { createAccount, markVerifiedQuery } from "../lib/auth/accounts.ts";
import { hashPassword } from "../lib/auth/password.ts";
import { newSession } from "../lib/auth/sessions.ts";

export const BENCH_PASSWORD = "correct horse battery staple";

export async function seedAccounts(
  url: string,
  count: number,
): Promise<{ emails: string[]; cookie: string; userIds: string[] }> {
  const database = await openDatabase({ url });
  try {
    await migrateDatabase(database);
    const passwordHash = await hashPassword(BENCH_PASSWORD);
    const now = new Date();
    const emails: string[] = [];
    const userIds: string[] = [];
    for (let i = 0; i < count; i++) {
      const email = `bench${i}@example.com`;
      const created = await createAccount(
        database.db,
        { email, handle: `bench${i}`, passwordHash },
        now,
      );
      if (!("account" in created)) throw new Error(`could not create ${email}`);
      await markVerifiedQuery(database.db, created.account.userId, now);
      emails.push(email);
      userIds.push(created.account.userId);
    }
    const session = newSession(database.db, {
      userId: userIds[0]!,
      userAgent: "bench",
      ip: "127.0.0.1",
    }, now);
    await session.insert;
    return { emails, cookie: `session=${session.token}`, userIds };
  } finally {
    database.close();
  }
}
