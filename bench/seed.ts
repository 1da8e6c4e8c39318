// Puts accounts and sessions straight into a database file for the benchmarks, using the
// same service functions the app uses (and one password hash shared by every account), and a
// registry of 1,000 packages straight into the tables.
import { openDatabase } from "../lib/db/client.ts";
import { migrateDatabase } from "../lib/db/migrate.ts";
import { createAccount, markVerifiedQuery } from "../lib/auth/accounts.ts";
import { hashPassword } from "../lib/auth/password.ts";
import { newSession } from "../lib/auth/sessions.ts";
import { owners, packages, packageVersions } from "../lib/db/schema.ts";
import { versionKey } from "../lib/packages/bundle/version.ts";
import { versionOrder } from "../lib/packages/version_order.ts";
import { eq } from "drizzle-orm";

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

const README = `# bench skill\n\n${
  Array.from({ length: 40 }, (_, i) =>
    `## Section ${i}\n\nSome **text** with \`code\` and [a link](https://example.com/${i}).\n\n- one\n- two\n`)
    .join("\n")
}`;

/** 1,000 packages of one owner, 10 versions each, straight into the tables. */
export async function seedRegistry(url: string, userId: string): Promise<string> {
  const database = await openDatabase({ url });
  const db = database.db;
  try {
    const [owner] = await db.select().from(owners).where(eq(owners.userId, userId));
    const now = Date.now();
    const digest = (n: number) => `sha256:${n.toString(16).padStart(64, "0")}`;
    for (let p = 0; p < 1000; p++) {
      const id = crypto.randomUUID();
      const name = `pkg${String(p).padStart(4, "0")}`;
      const versions = Array.from({ length: 10 }, (_, v) => {
        const version = `1.${v}.0`;
        const order = versionOrder(version);
        return {
          id: crypto.randomUUID(),
          packageId: id,
          version,
          versionKey: versionKey(version),
          versionOrder: order.order,
          prerelease: order.prerelease,
          artifactDigest: digest(p * 10 + v + 1),
          archiveDigest: digest(p * 10 + v + 100_001),
          archiveSize: 40_000,
          archiveMediaType: "application/gzip",
          wasmSize: 100_000,
          manifest: {
            name,
            version,
            entrypoint: "run",
            artifact: digest(p * 10 + v + 1),
            capabilities: [{ kind: "fs.read", value: "/data" }, { kind: "time.now", value: "utc" }],
            signers: ["bench-signer"],
          },
          manifestHash: digest(p * 10 + v + 200_001),
          keysDigest: digest(7),
          signers: [{
            signer: "bench-signer",
            algorithm: "ed25519",
            key_digest: digest(7),
            verified: true,
          }],
          publishedByUserId: userId,
          publishedAt: new Date(now - (1000 - p) * 60_000 + v * 1000),
          deprecatedAt: v === 3 ? new Date(now) : null,
          deprecationMessage: v === 3 ? "Use a later version" : null,
        };
      });
      await db.batch([
        db.insert(packages).values({
          id,
          ownerId: owner!.id,
          name,
          visibility: p % 4 === 0 ? "private" : "public",
          description: `Benchmark skill number ${p}, with a description of usual length.`,
          tags: ["bench", `group-${p % 10}`],
          readme: README,
          homepage: "https://example.com/bench",
          latestVersion: "1.9.0",
          lastPublishedAt: new Date(now - (1000 - p) * 60_000 + 9000),
          versionCount: 10,
          createdAt: new Date(now - (1000 - p) * 60_000),
          updatedAt: new Date(now - (1000 - p) * 60_000 + 9000),
        }),
        db.insert(packageVersions).values(versions),
      ]);
    }
    return owner!.handle;
  } finally {
    database.close();
  }
}
