import { assert } from "../helpers/assert.ts";
import { openTestDatabase } from "../helpers/db.ts";
import { openDatabase } from "@/lib/db/client.ts";
import {
  hit,
  LONGEST_WINDOW_MS,
  purgeExpiredLimits,
  RATE_LIMITS,
  resetLimit,
  wouldAllow,
} from "@/lib/auth/rate_limit.ts";

const T0 = Date.parse("2026-11-25T12:00:00Z");
const at = (ms: number) => new Date(T0 + ms);
const SECOND = 1000;
const MINUTE = 60 * SECOND;

Deno.test("the 11th login in 5 minutes is refused with Retry-After equal to the seconds left", async () => {
  await using database = await openTestDatabase();
  const key = "login:ip:203.0.113.9";
  for (let i = 1; i <= 10; i++) {
    const result = await hit(database.db, key, { ...RATE_LIMITS.login, now: at(i * 10 * SECOND) });
    assert.deepEqual(
      result,
      { allowed: true, remaining: 10 - i, retryAfterSeconds: 0 },
      `hit ${i}`,
    );
  }
  // The window opened at T0 + 10 s and lasts 300 s; at T0 + 110 s, 200 s are left.
  const refused = await hit(database.db, key, { ...RATE_LIMITS.login, now: at(110 * SECOND) });
  assert.deepEqual(refused, { allowed: false, remaining: 0, retryAfterSeconds: 200 });
  // A part second left rounds up, so a client that waits Retry-After is never early.
  const later = await hit(database.db, key, { ...RATE_LIMITS.login, now: at(309_500) });
  assert.deepEqual(later, { allowed: false, remaining: 0, retryAfterSeconds: 1 });
});

Deno.test("the window resets once it has passed, with a fresh count", async () => {
  await using database = await openTestDatabase();
  const key = "login:account:ada@example.com";
  const policy = RATE_LIMITS.login;
  for (let i = 0; i < 11; i++) await hit(database.db, key, { ...policy, now: at(0) });
  const lastMoment = await hit(database.db, key, { ...policy, now: at(5 * MINUTE - 1) });
  assert.equal(lastMoment.allowed, false);
  assert.equal(lastMoment.retryAfterSeconds, 1);

  const next = await hit(database.db, key, { ...policy, now: at(5 * MINUTE) });
  assert.deepEqual(next, { allowed: true, remaining: 9, retryAfterSeconds: 0 });
  // The new window started at 5 minutes: nine more pass, the tenth after that does not.
  for (let i = 0; i < 9; i++) {
    assert.equal((await hit(database.db, key, { ...policy, now: at(6 * MINUTE) })).allowed, true);
  }
  const refused = await hit(database.db, key, { ...policy, now: at(6 * MINUTE) });
  assert.deepEqual(refused, { allowed: false, remaining: 0, retryAfterSeconds: 240 });
});

Deno.test("50 concurrent hits on one key with limit 10 allow exactly 10", async () => {
  await using database = await openTestDatabase();
  const results = await Promise.all(
    Array.from(
      { length: 50 },
      () => hit(database.db, "signup:ip:198.51.100.7", { limit: 10, windowMs: MINUTE, now: at(0) }),
    ),
  );
  assert.equal(results.filter((r) => r.allowed).length, 10);
  assert.deepEqual(
    results.map((r) => r.remaining).filter((r) => r > 0).sort((a, b) => b - a),
    [9, 8, 7, 6, 5, 4, 3, 2, 1],
  );
  const rows = await database.client.execute("SELECT count FROM rate_limits");
  assert.equal(rows.rows[0]?.count, 50);
});

Deno.test("hits from two connections to one database file, as from two instances, still allow exactly 10", async () => {
  await using database = await openTestDatabase();
  const other = await openDatabase({ url: `file:${database.dir}/test.db` });
  try {
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        hit(i % 2 ? other.db : database.db, "publish:owner:o1", {
          limit: 10,
          windowMs: MINUTE,
          now: at(0),
        })),
    );
    assert.equal(results.filter((r) => r.allowed).length, 10);
  } finally {
    other.close();
  }
});

Deno.test("separate keys are counted independently", async () => {
  await using database = await openTestDatabase();
  const policy = { limit: 2, windowMs: MINUTE, now: at(0) };
  assert.equal((await hit(database.db, "login:ip:a", policy)).allowed, true);
  assert.equal((await hit(database.db, "login:ip:a", policy)).allowed, true);
  assert.equal((await hit(database.db, "login:ip:a", policy)).allowed, false);
  assert.deepEqual(await hit(database.db, "login:ip:b", policy), {
    allowed: true,
    remaining: 1,
    retryAfterSeconds: 0,
  });
  assert.equal((await hit(database.db, "login:account:a", policy)).allowed, true);
});

Deno.test("resetLimit forgets a key's count", async () => {
  await using database = await openTestDatabase();
  const policy = { limit: 1, windowMs: MINUTE, now: at(0) };
  await hit(database.db, "login:account:ada", policy);
  assert.equal((await hit(database.db, "login:account:ada", policy)).allowed, false);
  await resetLimit(database.db, "login:account:ada");
  assert.equal((await hit(database.db, "login:account:ada", policy)).allowed, true);
});

Deno.test("purgeExpiredLimits removes only rows no policy can still be counting in", async () => {
  await using database = await openTestDatabase();
  const policy = { limit: 5, windowMs: MINUTE };
  await hit(database.db, "old", { ...policy, now: at(0) });
  await hit(database.db, "recent", { ...policy, now: at(LONGEST_WINDOW_MS) });
  assert.equal(await purgeExpiredLimits(database.db, at(LONGEST_WINDOW_MS + 1)), 1);
  const rows = await database.client.execute("SELECT key FROM rate_limits");
  assert.deepEqual(rows.rows.map((r) => r.key), ["recent"]);
  assert.equal(
    await purgeExpiredLimits(database.db, at(LONGEST_WINDOW_MS + 1), { olderThanMs: 0 }),
    1,
  );
});

Deno.test("a clock behind the window's start never asks for more than one window of waiting", async () => {
  await using database = await openTestDatabase();
  const policy = { limit: 1, windowMs: MINUTE };
  await hit(database.db, "k", { ...policy, now: at(10 * MINUTE) });
  const skewed = await hit(database.db, "k", { ...policy, now: at(0) });
  assert.deepEqual(skewed, { allowed: false, remaining: 0, retryAfterSeconds: 60 });
});

Deno.test("the default policies are the ones docs/security.md lists", () => {
  assert.deepEqual(RATE_LIMITS.login, { limit: 10, windowMs: 5 * MINUTE });
  assert.deepEqual(RATE_LIMITS.signup, { limit: 50, windowMs: 60 * MINUTE });
  assert.deepEqual(RATE_LIMITS.forgotPassword, { limit: 5, windowMs: 24 * 60 * MINUTE });
  assert.deepEqual(RATE_LIMITS.resendVerification, { limit: 3, windowMs: 6 * 60 * MINUTE });
  assert.deepEqual(RATE_LIMITS.publish, { limit: 60, windowMs: 60 * MINUTE });
  assert.deepEqual(RATE_LIMITS.logIngestion, { limit: 600, windowMs: MINUTE });
  assert.equal(LONGEST_WINDOW_MS, 24 * 60 * MINUTE);
});

Deno.test("hit refuses a nonsense policy instead of counting with it", async () => {
  await using database = await openTestDatabase();
  for (
    const policy of [{ limit: -1, windowMs: MINUTE }, { limit: 1, windowMs: 0 }, {
      limit: 1.5,
      windowMs: 10,
    }]
  ) {
    await assert.rejects(hit(database.db, "k", { ...policy, now: at(0) }), RangeError);
  }
});

Deno.test("a look at a limit says whether the next hit would pass, and counts nothing", async () => {
  await using database = await openTestDatabase();
  const key = "publish:owner:o1";
  const policy = { limit: 2, windowMs: MINUTE };
  assert.equal(await wouldAllow(database.db, key, { ...policy, now: at(0) }), true);
  await hit(database.db, key, { ...policy, now: at(0) });
  // Looking again and again leaves room for the second hit.
  for (let i = 0; i < 3; i++) {
    assert.equal(await wouldAllow(database.db, key, { ...policy, now: at(SECOND) }), true);
  }
  assert.equal((await hit(database.db, key, { ...policy, now: at(SECOND) })).allowed, true);
  assert.equal(await wouldAllow(database.db, key, { ...policy, now: at(2 * SECOND) }), false);
  // The look and the count agree on where the window ends: a millisecond before, still full.
  assert.equal(await wouldAllow(database.db, key, { ...policy, now: at(MINUTE - 1) }), false);
  assert.equal((await hit(database.db, key, { ...policy, now: at(MINUTE - 1) })).allowed, false);
  // Once the window has passed, the next hit would pass again.
  assert.equal(await wouldAllow(database.db, key, { ...policy, now: at(MINUTE) }), true);
  await assert.rejects(
    () => wouldAllow(database.db, key, { limit: -1, windowMs: MINUTE, now: at(0) }),
    RangeError,
  );
});
