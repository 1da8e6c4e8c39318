// The field types the spec's receipt, policy and snapshot schemas share, written once with
// messages that say what is allowed (zod's defaults name types, not rules).
import { z } from "zod";
import { DomainError, type FieldIssue } from "../errors.ts";
import { parseInput } from "../validation.ts";

/** "is required" for a missing field, else "must be <what>". */
export function expecting(what: string) {
  return {
    error: (issue: { input?: unknown }) =>
      issue.input === undefined ? "is required" : `must be ${what}`,
  };
}

export const DIGEST_RULE = "sha256: followed by 64 lowercase hex characters";

/** `sha256:` + 64 lowercase hex (spec/hashing.md: uppercase is invalid). */
export const digest = z.string(expecting("a string")).regex(/^sha256:[0-9a-f]{64}$/, {
  error: `must be ${DIGEST_RULE}`,
});

export const nonEmptyText = z.string(expecting("a string")).min(1, { error: "must not be empty" });

/** Unix seconds. JSON numbers beyond 2^53 lose digits here, so they could not be hashed exactly. */
export const unixSeconds = z.int(
  expecting(`a whole number of seconds from 0 to ${Number.MAX_SAFE_INTEGER}`),
).min(0, { error: "must not be negative" });

/** A list of non-empty strings, such as capabilities used ("env:HOME"). */
export const textList = z.array(nonEmptyText, expecting("an array of strings"));

/** A strict object: a key the spec does not define is refused by name. */
export function record<T extends z.ZodRawShape>(shape: T) {
  return z.strictObject(shape, expecting("an object"));
}

/**
 * parseInput, with every message prefixed by what was being read ("invalid receipt: "), as
 * the inactu control API words its errors; a problem with the whole value names it.
 */
export function parseDocument<T extends z.ZodType>(
  schema: T,
  value: unknown,
  what: string,
): z.infer<T> {
  try {
    return parseInput(schema, value);
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    // "must be an object" is about the whole value: say whose ("receipt must be an object").
    const whole = (i: FieldIssue) => i.field === "" && i.message.startsWith("must");
    const say = (i: FieldIssue) => `invalid ${what}: ${whole(i) ? `${what} ` : ""}${i.message}`;
    const issues = error.issues.map((i) => ({ ...i, message: say(i) }));
    throw new DomainError("invalid", issues[0]?.message ?? `invalid ${what}`, { issues });
  }
}
