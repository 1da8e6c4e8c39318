import { z } from "zod";
import { BundleError, type BundleErrorCode, describeValue, formatPath } from "./errors.ts";

/** Which file a schema checks, and the code and step its failures carry. */
export interface SchemaTarget {
  file: string;
  code: BundleErrorCode;
  step: number | null;
}

/** Validates `value` against a strict zod schema, or throws a BundleError for the first problem. */
export function parseWithSchema<T extends z.ZodType>(
  schema: T,
  value: unknown,
  target: SchemaTarget,
): z.output<T> {
  const result = schema.safeParse(value, { reportInput: true });
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  throw issueError(schema, issue, target);
}

function issueError(schema: z.ZodType, issue: z.core.$ZodIssue, target: SchemaTarget): BundleError {
  if (issue.code === "invalid_union") {
    // Report the branch that matched the value's type (an object with a bad key, say), if any.
    const branch = issue.errors.find((issues) => {
      const first = issues[0];
      return first !== undefined && !(first.code === "invalid_type" && first.path.length === 0);
    });
    const inner = branch?.[0];
    if (inner !== undefined) {
      return issueError(schema, { ...inner, path: [...issue.path, ...inner.path] }, target);
    }
  }
  const field = formatPath(issue.path);
  const subject = field === "" ? target.file : `${target.file}: ${field}`;
  const input = "input" in issue ? issue.input : undefined;
  const found = describeValue(input);
  let expected: string;
  let message: string;
  switch (issue.code) {
    case "unrecognized_keys": {
      const allowed = allowedKeys(schema, issue.path).join(", ");
      const where = field === "" ? "" : ` in ${field}`;
      expected = allowed === "" ? "no keys" : `only ${allowed}`;
      const keys = issue.keys.map((key) => JSON.stringify(key)).join(", ");
      message = `${target.file} has the unknown key ${keys}${where}; allowed keys: ${allowed}`;
      return new BundleError(target.code, message, {
        step: target.step,
        file: target.file,
        field: formatPath([...issue.path, issue.keys[0]!]),
        expected,
        found: issue.keys.join(", "),
      });
    }
    case "invalid_key": {
      // A record's key (public-keys.json's signer ids): the key's own rule is what is expected.
      expected = issue.issues[0]?.message ?? "a valid key";
      const key = String(issue.path.at(-1));
      message = `${target.file} has the key ${JSON.stringify(key)}; keys must be ${expected}`;
      return new BundleError(target.code, message, {
        step: target.step,
        file: target.file,
        field: field || null,
        expected,
        found: describeValue(key),
      });
    }
    case "invalid_type":
      expected = article(issue.expected);
      // JSON has no undefined, so an undefined input is always a missing key.
      message = input === undefined
        ? `${subject} is missing; expected ${expected}`
        : `${subject} must be ${expected}; found ${found}`;
      break;
    case "invalid_value":
      expected = issue.values.length === 1
        ? JSON.stringify(issue.values[0])
        : `one of ${issue.values.map((value) => JSON.stringify(value)).join(", ")}`;
      message = `${subject} must be ${expected}; found ${found}`;
      break;
    case "too_small":
      expected = issue.origin === "string"
        ? `at least ${issue.minimum} character${issue.minimum === 1 ? "" : "s"}`
        : `at least ${issue.minimum} item${issue.minimum === 1 ? "" : "s"}`;
      message = `${subject} must have ${expected}; found ${found}`;
      break;
    default:
      // Formats, unions and refinements carry the expectation as their custom message.
      expected = issue.message;
      message = `${subject} must be ${expected}; found ${found}`;
  }
  return new BundleError(target.code, message, {
    step: target.step,
    file: target.file,
    field: field || null,
    expected,
    found,
  });
}

function article(type: string): string {
  // zod calls a JSON object with free keys a record.
  if (type === "record") return "an object";
  if (type === "array" || type === "object") return `an ${type}`;
  return `a ${type}`;
}

/** The keys a strict object schema allows at `path`, for "allowed keys" in messages. */
function allowedKeys(schema: z.ZodType, path: readonly PropertyKey[]): string[] {
  let current: z.ZodType | undefined = schema;
  for (const segment of path) {
    current = unwrapObject(current);
    if (current instanceof z.ZodObject) current = current.shape[String(segment)] as z.ZodType;
    else if (current instanceof z.ZodArray) current = current.element as z.ZodType;
    else return [];
  }
  current = unwrapObject(current);
  return current instanceof z.ZodObject ? Object.keys(current.shape) : [];
}

function unwrapObject(schema: z.ZodType | undefined): z.ZodType | undefined {
  let current = schema;
  while (current instanceof z.ZodOptional || current instanceof z.ZodUnion) {
    if (current instanceof z.ZodOptional) current = current.unwrap() as z.ZodType;
    else {
      const options = current.options as readonly z.ZodType[];
      current = options.find((option) => option instanceof z.ZodObject) ?? options[0];
    }
  }
  return current;
}
