import { assert, assertIncludes } from "../helpers/assert.ts";
import { openDatabase } from "@/lib/db/client.ts";
import { migrateDatabase } from "@/lib/db/migrate.ts";

async function tempDb() {
  const dir = await Deno.makeTempDir({ prefix: "inactu-db-" });
  return {
    dir,
    url: `file:${dir}/x.db`,
    [Symbol.asyncDispose]: () => Deno.remove(dir, { recursive: true }),
  };
}

Deno.test("schema.ts and the committed migrations agree (drizzle-kit finds nothing to generate)", async () => {
  // drizzle-kit writes into --out, so it runs against a scratch copy inside the project
  // (it resolves drizzle-orm from the project's node_modules).
  const scratch = `.drift-check-${crypto.randomUUID().slice(0, 8)}`;
  await Deno.mkdir(`${scratch}/meta`, { recursive: true });
  try {
    for await (const e of Deno.readDir("migrations")) {
      if (e.isFile) await Deno.copyFile(`migrations/${e.name}`, `${scratch}/${e.name}`);
    }
    for await (const e of Deno.readDir("migrations/meta")) {
      await Deno.copyFile(`migrations/meta/${e.name}`, `${scratch}/meta/${e.name}`);
    }
    const before = (await Array.fromAsync(Deno.readDir(scratch))).length;
    const out = await new Deno.Command("node_modules/.bin/drizzle-kit", {
      args: [
        "generate",
        "--dialect",
        "turso",
        "--schema",
        "./lib/db/schema.ts",
        "--out",
        scratch,
        "--casing",
        "snake_case",
      ],
      stdout: "piped",
      stderr: "piped",
    }).output();
    const text = new TextDecoder().decode(out.stdout) + new TextDecoder().decode(out.stderr);
    assert.equal(out.code, 0, text);
    assertIncludes(text, "No schema changes");
    assert.equal(
      (await Array.fromAsync(Deno.readDir(scratch))).length,
      before,
      "a migration file was generated",
    );
  } finally {
    await Deno.remove(scratch, { recursive: true });
  }
});

Deno.test("a file database runs with WAL, synchronous FULL, foreign keys and a busy timeout", async () => {
  await using tmp = await tempDb();
  const database = await openDatabase({ url: tmp.url });
  try {
    const pragma = async (name: string) =>
      Object.values((await database.client.execute(`PRAGMA ${name}`)).rows[0]!)[0];
    assert.equal(await pragma("journal_mode"), "wal");
    assert.equal(Number(await pragma("synchronous")), 2);
    assert.equal(Number(await pragma("foreign_keys")), 1);
    assert.equal(Number(await pragma("busy_timeout")), 5000);
    // A connection opened later by the pool (here: inside a transaction) has the same settings.
    const tx = await database.client.transaction("read");
    const row = (await tx.execute("PRAGMA foreign_keys")).rows[0]!;
    const sync = (await tx.execute("PRAGMA synchronous")).rows[0]!;
    await tx.commit();
    assert.equal(Number(Object.values(row)[0]), 1);
    assert.equal(Number(Object.values(sync)[0]), 2);
  } finally {
    database.close();
  }
});

Deno.test("migrations apply once, are idempotent, and survive two instances migrating at the same time", async () => {
  await using tmp = await tempDb();
  const a = await openDatabase({ url: tmp.url });
  const b = await openDatabase({ url: tmp.url });
  try {
    await Promise.all([migrateDatabase(a), migrateDatabase(b)]);
    await migrateDatabase(a);
    const tables = (await a.client.execute(
      "SELECT name FROM sqlite_master WHERE type IN ('table') AND name NOT LIKE 'sqlite_%' ORDER BY name",
    )).rows.map((r) => r.name);
    for (
      const t of [
        "owners",
        "users",
        "sessions",
        "packages",
        "package_versions",
        "contexts",
        "context_logs",
        "context_logs_fts",
        "blobs",
        "rate_limits",
        "audit_events",
        "api_tokens",
        "email_tokens",
      ]
    ) {
      assert.ok(tables.includes(t), `missing table ${t}`);
    }
    const applied =
      (await a.client.execute("SELECT count(*) AS n FROM __drizzle_migrations")).rows[0]!.n;
    const journal = JSON.parse(await Deno.readTextFile("migrations/meta/_journal.json"));
    assert.equal(Number(applied), journal.entries.length);
  } finally {
    a.close();
    b.close();
  }
});

Deno.test("the trigram index finds literal substrings of log messages, case-insensitively", async () => {
  await using tmp = await tempDb();
  const db = await openDatabase({ url: tmp.url });
  try {
    await migrateDatabase(db);
    const now = Date.now();
    await db.client.batch([
      {
        sql:
          "INSERT INTO users (id, email, password_hash, created_at, updated_at) VALUES ('u', 'a@b.c', 'x', ?, ?)",
        args: [now, now],
      },
      {
        sql:
          "INSERT INTO owners (id, kind, user_id, handle, created_at) VALUES ('o', 'user', 'u', 'alice', ?)",
        args: [now],
      },
      {
        sql:
          "INSERT INTO contexts (id, owner_id, status, region, started_at, last_activity_at) VALUES ('c', 'o', 'running', 'eu', ?, ?)",
        args: [now, now],
      },
      {
        sql:
          "INSERT INTO context_logs (context_id, ts, level, message) VALUES ('c', ?, 1, 'Connection RESET by peer')",
        args: [now],
      },
      {
        sql:
          "INSERT INTO context_logs (context_id, ts, level, message) VALUES ('c', ?, 1, 'all good')",
        args: [now],
      },
    ], "write");
    const hits = await db.client.execute(
      "SELECT l.message FROM context_logs_fts f JOIN context_logs l ON l.id = f.rowid WHERE context_logs_fts MATCH ?",
      ['"reset by"'],
    );
    assert.deepEqual(hits.rows.map((r) => r.message), ["Connection RESET by peer"]);
    await db.client.execute("DELETE FROM context_logs WHERE message = 'Connection RESET by peer'");
    const after = await db.client.execute(
      "SELECT count(*) AS n FROM context_logs_fts WHERE context_logs_fts MATCH '\"reset\"'",
    );
    assert.equal(Number(after.rows[0]!.n), 0);
  } finally {
    db.close();
  }
});
