// Password policy and hashing, as docs/security.md "Passwords and accounts" asks: Argon2id with
// explicit parameters, 12 to 128 characters after NFC, no truncation, no composition rules.
//
// A "character" is a Unicode code point of the NFC form. Code points do not depend on the
// runtime's Unicode tables (grapheme clusters would), and 128 of them are at most 512 UTF-8
// bytes of Argon2 input. An emoji such as 🔒 counts as one; a family emoji joined from several
// code points counts as several.
import { argon2id, argon2Verify } from "hash-wasm";
import type { Algorithm, Version } from "@node-rs/argon2";
import { COMMON_PASSWORDS } from "./common_passwords.ts";

export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 128;

export interface Argon2Params {
  /** m, in KiB. */
  memoryKiB: number;
  /** t. */
  iterations: number;
  /** p. */
  parallelism: number;
  /** Bytes of output. */
  hashLength: number;
}

/** OWASP's first Argon2id configuration: 19 MiB, 2 passes, 1 lane. */
export const ARGON2_PARAMS: Readonly<Argon2Params> = Object.freeze({
  memoryKiB: 19456,
  iterations: 2,
  parallelism: 1,
  hashLength: 32,
});

/** One Argon2 implementation: it hashes to and verifies PHC strings. */
export interface Argon2 {
  readonly name: string;
  hash(password: string, params: Argon2Params): Promise<string>;
  verify(phc: string, password: string): Promise<boolean>;
}

export interface HashOptions {
  /** The implementation to use; the native one when it loads, else WebAssembly. */
  argon2?: Argon2;
}

/** The length rule as forms state it next to a new-password field. */
export const PASSWORD_LENGTH_RULE = `${PASSWORD_MIN_LENGTH} to ${PASSWORD_MAX_LENGTH} characters.`;

/** The message for a password over the maximum, wherever one is refused. */
export const PASSWORD_TOO_LONG = `Password must be at most ${PASSWORD_MAX_LENGTH} characters`;

/** An error message for a password the policy refuses, or null when it is acceptable. */
export function checkPasswordPolicy(password: string): string | null {
  const measured = measure(password);
  if (measured === null) return PASSWORD_TOO_LONG;
  if (measured.length < PASSWORD_MIN_LENGTH) {
    return `Password must be at least ${PASSWORD_MIN_LENGTH} characters`;
  }
  if (COMMON_PASSWORDS.has(measured.nfc.toLowerCase())) {
    return "Password is one of the most common ones; choose another, such as a few unrelated words";
  }
  return null;
}

/** True when hashing would refuse the password; cheap at any size, so check it before a login. */
export function isPasswordTooLong(password: string): boolean {
  return measure(password) === null;
}

/** Hashes a password (NFC) to an Argon2id PHC string; throws RangeError when it is too long. */
export async function hashPassword(password: string, options: HashOptions = {}): Promise<string> {
  const nfc = boundedForHashing(password);
  const argon2 = options.argon2 ?? await defaultArgon2();
  return await argon2.hash(nfc, ARGON2_PARAMS);
}

/** True when the password matches the PHC string; false for a malformed hash. */
export async function verifyPassword(
  hash: string,
  password: string,
  options: HashOptions = {},
): Promise<boolean> {
  const nfc = boundedForHashing(password);
  if (!isVerifiable(parsePhc(hash))) return false;
  const argon2 = options.argon2 ?? await defaultArgon2();
  try {
    return await argon2.verify(hash, nfc);
  } catch {
    return false;
  }
}

/** Spends what a verification costs, for an unknown account; always false. */
export async function dummyVerify(options: HashOptions = {}): Promise<false> {
  const argon2 = options.argon2 ?? await defaultArgon2();
  await argon2.verify(DUMMY_HASH, "no account has this password").catch(() => false);
  return false;
}

/** True when a stored hash was made with other parameters than today's (or is unreadable). */
export function needsRehash(hash: string): boolean {
  const phc = parsePhc(hash);
  return phc === null || phc.algorithm !== "argon2id" || phc.version !== 19 ||
    phc.memoryKiB !== ARGON2_PARAMS.memoryKiB || phc.iterations !== ARGON2_PARAMS.iterations ||
    phc.parallelism !== ARGON2_PARAMS.parallelism || phc.hashLength !== ARGON2_PARAMS.hashLength;
}

/** The native implementation (@node-rs/argon2), or null where native modules cannot load. */
export async function nativeArgon2(): Promise<Argon2 | null> {
  try {
    // Imported on demand: edge runtimes have no native modules and must not fail at startup.
    const native = await import("@node-rs/argon2");
    return {
      name: "native",
      hash: (password, params) =>
        native.hash(password, {
          // const enums from the .d.ts cannot be read at run time: Argon2id is 2, 0x13 is 1.
          algorithm: 2 as Algorithm,
          version: 1 as Version,
          memoryCost: params.memoryKiB,
          timeCost: params.iterations,
          parallelism: params.parallelism,
          outputLen: params.hashLength,
        }),
      verify: (phc, password) => native.verify(phc, password),
    };
  } catch {
    return null;
  }
}

/** The WebAssembly implementation (hash-wasm), which runs everywhere. */
export const wasmArgon2: Argon2 = {
  name: "wasm",
  hash: (password, params) =>
    argon2id({
      password,
      salt: crypto.getRandomValues(new Uint8Array(16)),
      memorySize: params.memoryKiB,
      iterations: params.iterations,
      parallelism: params.parallelism,
      hashLength: params.hashLength,
      outputType: "encoded",
    }),
  verify: (phc, password) => argon2Verify({ hash: phc, password }),
};

let chosen: Promise<Argon2> | undefined;

/** The implementation used when none is passed: native when it loads, else WebAssembly. */
export function defaultArgon2(): Promise<Argon2> {
  chosen ??= nativeArgon2().then((native) => native ?? wasmArgon2);
  return chosen;
}

// The hash of a random, discarded password with ARGON2_PARAMS, so dummyVerify costs what a
// real verification does. A test checks that it still matches the parameters.
const DUMMY_HASH =
  "$argon2id$v=19$m=19456,t=2,p=1$CcvrmbhbzRGV58J79QBHpQ$Wtx0+CClXsU0qCoWL/Mfkn0d38w56PyuhFFWZpAro9A";

// NFC can merge up to a few code points into one (at most 8 UTF-16 units per resulting code
// point), so a longer string is over the limit before normalizing it: a 1 MB password costs a
// length check, not a normalization and never a hash.
const MAX_UTF16_UNITS = PASSWORD_MAX_LENGTH * 8;

/** The NFC form and its length in code points; null when over PASSWORD_MAX_LENGTH. */
function measure(password: string): { nfc: string; length: number } | null {
  if (typeof password !== "string" || password.length > MAX_UTF16_UNITS) return null;
  const nfc = password.normalize("NFC");
  let length = 0;
  for (const _ of nfc) length++;
  return length > PASSWORD_MAX_LENGTH ? null : { nfc, length };
}

function boundedForHashing(password: string): string {
  const measured = measure(password);
  if (measured === null) {
    throw new RangeError(PASSWORD_TOO_LONG);
  }
  return measured.nfc;
}

interface Phc extends Argon2Params {
  algorithm: string;
  version: number;
}

// $argon2id$v=19$m=19456,t=2,p=1$<salt>$<hash>, salt and hash in unpadded standard base64.
const PHC_PATTERN =
  /^\$(argon2id|argon2i|argon2d)\$v=(\d{1,3})\$m=(\d{1,10}),t=(\d{1,10}),p=(\d{1,3})\$([A-Za-z0-9+/]{8,})\$([A-Za-z0-9+/]{16,})$/;

function parsePhc(hash: string): Phc | null {
  if (typeof hash !== "string" || hash.length > 512) return null;
  const match = PHC_PATTERN.exec(hash);
  if (!match) return null;
  const [, algorithm, version, m, t, p, , digest] = match;
  return {
    algorithm: algorithm!,
    version: Number(version),
    memoryKiB: Number(m),
    iterations: Number(t),
    parallelism: Number(p),
    hashLength: Math.floor((digest!.length * 3) / 4),
  };
}

// A corrupted or planted row must not make one login allocate gigabytes or spin for minutes.
function isVerifiable(phc: Phc | null): boolean {
  return phc !== null && phc.memoryKiB <= 256 * 1024 && phc.iterations <= 16 &&
    phc.parallelism <= 16;
}
