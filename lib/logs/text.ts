// Rules for free text that reaches the database and the pages: trimmed, a length in Unicode
// characters (not UTF-16 units), and no control characters, so nothing can rewrite a
// terminal or hide in a log line. The messages follow docs/compat §2.6.

// C0 and C1 controls, DEL; tab and newline are allowed where `multiline` says so. Matching
// control characters is the point of these two patterns.
// deno-lint-ignore no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/u;
// deno-lint-ignore no-control-regex
const CONTROL_EXCEPT_TAB_NEWLINE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/u;

export function charCount(text: string): number {
  let n = 0;
  for (const _ of text) n++;
  return n;
}

/**
 * Checks and trims a text field. Returns `{ value }` (null when blank and optional) or
 * `{ error }` naming the field.
 */
export function checkText(
  name: string,
  input: unknown,
  options: { max: number; required?: boolean; multiline?: boolean },
): { value: string | null } | { error: string } {
  if (input === undefined || input === null) {
    return options.required ? { error: `${name} is required` } : { value: null };
  }
  if (typeof input !== "string") return { error: `${name} must be a string` };
  // Windows line endings become plain newlines rather than a rejected carriage return.
  const value = (options.multiline ? input.replace(/\r\n?/g, "\n") : input).trim();
  if (value === "") return options.required ? { error: `${name} is required` } : { value: null };
  if (charCount(value) > options.max) {
    return { error: `${name} must be at most ${options.max} characters` };
  }
  if ((options.multiline ? CONTROL_EXCEPT_TAB_NEWLINE : CONTROL).test(value)) {
    return {
      error: options.multiline
        ? `${name} must not contain control characters other than tab and newline`
        : `${name} must not contain control characters`,
    };
  }
  return { value };
}
