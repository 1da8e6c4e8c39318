import { assert, assertIncludes } from "../helpers/assert.ts";
import {
  type Argon2,
  ARGON2_PARAMS,
  checkPasswordPolicy,
  defaultArgon2,
  dummyVerify,
  hashPassword,
  isPasswordTooLong,
  nativeArgon2,
  needsRehash,
  verifyPassword,
  wasmArgon2,
} from "@/lib/auth/password.ts";
import { COMMON_PASSWORDS } from "@/lib/auth/common_passwords.ts";

const GOOD = "violet anchor sprocket";

/** An Argon2 that counts calls and never hashes, to prove what did not reach Argon2. */
function countingArgon2(): Argon2 & { calls: number } {
  return {
    name: "counting",
    calls: 0,
    hash() {
      this.calls++;
      return Promise.resolve("$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA");
    },
    verify() {
      this.calls++;
      return Promise.resolve(true);
    },
  };
}

async function native(): Promise<Argon2> {
  const loaded = await nativeArgon2();
  assert.ok(loaded, "the native @node-rs/argon2 binding should load on this machine");
  return loaded;
}

Deno.test("the password policy accepts 12 to 128 characters and says what is allowed otherwise", () => {
  assert.equal(checkPasswordPolicy("a".repeat(11) + "b"), null);
  assert.equal(checkPasswordPolicy("x".repeat(11)), "Password must be at least 12 characters");
  assert.equal(checkPasswordPolicy("xy".repeat(64)), null);
  assert.equal(checkPasswordPolicy("x".repeat(129)), "Password must be at most 128 characters");
  assert.equal(checkPasswordPolicy(""), "Password must be at least 12 characters");
});

Deno.test("the password policy has no composition rules: spaces, lowercase only and any script pass", () => {
  assert.equal(checkPasswordPolicy(GOOD), null);
  assert.equal(checkPasswordPolicy("correct horse battery staple!"), null);
  assert.equal(checkPasswordPolicy("пароль-очень-длинный"), null);
  assert.equal(checkPasswordPolicy("   leading and trailing spaces   "), null);
});

Deno.test("password length counts code points after NFC, not UTF-16 units", () => {
  // 12 × "e" + combining acute: 24 code points typed, 12 after NFC (é).
  assert.equal(checkPasswordPolicy("e\u0301".repeat(12)), null);
  assert.equal(
    checkPasswordPolicy("e\u0301".repeat(11)),
    "Password must be at least 12 characters",
  );
  // 🔒 is one code point but two UTF-16 units: 128 of them are 256 units, and allowed.
  assert.equal(checkPasswordPolicy("🔒".repeat(128)), null);
  assert.equal(checkPasswordPolicy("🔒".repeat(129)), "Password must be at most 128 characters");
  // 200 decomposed é are 400 code points but 200 characters after NFC.
  assert.equal(
    checkPasswordPolicy("e\u0301".repeat(200)),
    "Password must be at most 128 characters",
  );
});

Deno.test("isPasswordTooLong agrees with what hashing refuses, NFC included", () => {
  assert.equal(isPasswordTooLong("x".repeat(128)), false);
  assert.equal(isPasswordTooLong("x".repeat(129)), true);
  // 256 code points as typed, 128 after NFC: a login must accept what signup accepted.
  assert.equal(isPasswordTooLong("e\u0301".repeat(128)), false);
  assert.equal(isPasswordTooLong("a".repeat(1_000_000)), true);
});

Deno.test("the password policy rejects common passwords, whatever their case", () => {
  for (
    const password of [
      "password1234",
      "PASSWORD1234",
      "qwertyuiopas",
      "123456789012",
      "QwErTy123456",
    ]
  ) {
    const message = checkPasswordPolicy(password);
    assert.ok(message, `${password} should be refused`);
    assertIncludes(message, "Password is one of the most common ones");
  }
});

Deno.test("the common-password list holds a few hundred lowercase entries of 12 to 128 characters", () => {
  assert.ok(COMMON_PASSWORDS.size >= 300, `only ${COMMON_PASSWORDS.size} entries`);
  for (const entry of COMMON_PASSWORDS) {
    assert.equal(entry, entry.toLowerCase().normalize("NFC"));
    assert.ok(entry.length >= 12 && entry.length <= 128, entry);
  }
});

Deno.test("a 1 MB password is refused at once, without calling Argon2", async () => {
  const huge = "a".repeat(1_000_000);
  const argon2 = countingArgon2();
  assert.equal(checkPasswordPolicy(huge), "Password must be at most 128 characters");
  await assert.rejects(hashPassword(huge, { argon2 }), {
    name: "RangeError",
    message: "Password must be at most 128 characters",
  });
  await assert.rejects(
    verifyPassword(await hashPassword(GOOD, { argon2 }), huge, { argon2 }),
    RangeError,
  );
  // Counting Argon2's calls proves the huge password never reached it; how fast the refusal
  // is belongs in bench/auth.ts, not in a test that a busy machine can fail.
  assert.equal(argon2.calls, 1, "only the hash of the good password reached Argon2");
});

Deno.test("a 129-character password is refused before hashing, and 128 is hashed", async () => {
  const argon2 = countingArgon2();
  await assert.rejects(hashPassword("x".repeat(129), { argon2 }), RangeError);
  await assert.rejects(
    verifyPassword("$argon2id$anything", "x".repeat(129), { argon2 }),
    RangeError,
  );
  assert.equal(argon2.calls, 0);
  await hashPassword("x".repeat(128), { argon2 });
  assert.equal(argon2.calls, 1);
});

Deno.test("hashes are Argon2id PHC strings with m=19456,t=2,p=1 and a 16-byte salt", async () => {
  for (const argon2 of [await native(), wasmArgon2]) {
    const hash = await hashPassword(GOOD, { argon2 });
    assert.match(
      hash,
      /^\$argon2id\$v=19\$m=19456,t=2,p=1\$[A-Za-z0-9+/]{22}\$[A-Za-z0-9+/]{43}$/,
      argon2.name,
    );
    assert.equal(needsRehash(hash), false);
  }
  assert.deepEqual({ ...ARGON2_PARAMS }, {
    memoryKiB: 19456,
    iterations: 2,
    parallelism: 1,
    hashLength: 32,
  });
});

Deno.test("the native implementation is the default where it loads", async () => {
  assert.equal((await defaultArgon2()).name, "native");
});

Deno.test("native and WebAssembly Argon2 verify each other's hashes, both ways", async () => {
  const nativeArgon = await native();
  const fromNative = await hashPassword(GOOD, { argon2: nativeArgon });
  const fromWasm = await hashPassword(GOOD, { argon2: wasmArgon2 });
  assert.notEqual(fromNative, fromWasm, "salts are random");
  assert.equal(await verifyPassword(fromNative, GOOD, { argon2: wasmArgon2 }), true);
  assert.equal(await verifyPassword(fromWasm, GOOD, { argon2: nativeArgon }), true);
  assert.equal(await verifyPassword(fromNative, GOOD + "!", { argon2: wasmArgon2 }), false);
  assert.equal(await verifyPassword(fromWasm, GOOD + "!", { argon2: nativeArgon }), false);
});

Deno.test("verification normalizes to NFC, so composed and decomposed input match", async () => {
  const hash = await hashPassword("caf\u00e9 au lait ol\u00e9");
  assert.equal(await verifyPassword(hash, "cafe\u0301 au lait ole\u0301"), true);
});

Deno.test("verifyPassword answers false, never throws, for malformed or hostile hashes", async () => {
  const argon2 = countingArgon2();
  const hashes = [
    "",
    "plaintext",
    "$2b$10$abcdefghijklmnopqrstuv",
    "$argon2id$v=19$m=19456,t=2,p=1$bm9wZQ",
    "$argon2id$v=19$m=19456,t=2,p=1$!!!!!!!!$!!!!!!!!!!!!!!!!!!!!",
    // Parameters no login should pay for: 4 GiB, 1000 passes.
    "$argon2id$v=19$m=4194304,t=2,p=1$c2FsdHNhbHRzYWx0$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaA",
    "$argon2id$v=19$m=19456,t=1000,p=1$c2FsdHNhbHRzYWx0$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaA",
  ];
  for (const hash of hashes) {
    assert.equal(await verifyPassword(hash, GOOD, { argon2 }), false, hash);
  }
  assert.equal(argon2.calls, 0);
  // Shaped like a PHC string, but the 6-byte salt is below Argon2's minimum of 8: both
  // libraries throw, and verifyPassword turns that into false.
  const garbled = "$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNh$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaA";
  assert.equal(await verifyPassword(garbled, GOOD, { argon2: wasmArgon2 }), false);
  assert.equal(await verifyPassword(garbled, GOOD, { argon2: await native() }), false);
  const throwing: Argon2 = { ...argon2, verify: () => Promise.reject(new Error("corrupt")) };
  const valid = await hashPassword(GOOD, { argon2: wasmArgon2 });
  assert.equal(await verifyPassword(valid, GOOD, { argon2: throwing }), false);
});

Deno.test("needsRehash is true when any parameter differs from today's", () => {
  const tail = "$c2FsdHNhbHRzYWx0c2FsdA$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g";
  assert.equal(needsRehash(`$argon2id$v=19$m=19456,t=2,p=1${tail}`), false);
  assert.equal(needsRehash(`$argon2id$v=19$m=65536,t=2,p=1${tail}`), true);
  assert.equal(needsRehash(`$argon2id$v=19$m=19456,t=3,p=1${tail}`), true);
  assert.equal(needsRehash(`$argon2id$v=19$m=19456,t=2,p=4${tail}`), true);
  assert.equal(needsRehash(`$argon2i$v=19$m=19456,t=2,p=1${tail}`), true);
  assert.equal(needsRehash(`$argon2id$v=16$m=19456,t=2,p=1${tail}`), true);
  assert.equal(needsRehash("$2b$12$R9h/cIPz0gi.URNNX3kh2OPST9/PgBkqquzi.Ss7KIUgO2t0jWMUW"), true);
});

Deno.test("dummyVerify checks against a hash made with today's parameters", async () => {
  const seen: string[] = [];
  const spy: Argon2 = {
    ...wasmArgon2,
    verify: (phc) => {
      seen.push(phc);
      return Promise.resolve(true);
    },
  };
  assert.equal(await dummyVerify({ argon2: spy }), false);
  assert.equal(seen.length, 1);
  assert.equal(needsRehash(seen[0]!), false);
});

Deno.test("dummyVerify's hash is one the real Argon2 verifies in full, not one it refuses early", async () => {
  // A malformed dummy hash would fail fast and make unknown emails answer quicker than known
  // ones. With a well-formed hash at today's parameters (the test above), the work is the same
  // as a real verification; timing itself belongs in bench/, where other tests cannot skew it.
  const argon2 = await defaultArgon2();
  const outcomes: (boolean | string)[] = [];
  const recording: Argon2 = {
    ...argon2,
    verify: (phc, password) =>
      argon2.verify(phc, password).then(
        (ok) => (outcomes.push(ok), ok),
        (error) => (outcomes.push(`threw ${error}`), Promise.reject(error)),
      ),
  };
  assert.equal(await dummyVerify({ argon2: recording }), false);
  assert.deepEqual(outcomes, [false]);
});
