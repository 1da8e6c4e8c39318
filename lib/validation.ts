// Input validation for domain commands: one zod schema per input, defined once and used by
// both doors (the form and the API). A failure is a DomainError of kind "invalid" naming
// every field's first problem, so a form can show each beside its field.
import type { z } from "zod";
import { DomainError, type FieldIssue } from "./errors.ts";
import type { Services } from "./services.ts";
import type { Actor } from "./access/policy.ts";

/**
 * The issues of a zod error, one per field (the first problem of each), in input order, each
 * message naming its field ("limit: must be ...", with `prefix` such as "query parameter ").
 */
export function fieldIssues(error: z.ZodError, prefix = ""): FieldIssue[] {
  const seen = new Set<string>();
  const issues: FieldIssue[] = [];
  for (const issue of error.issues) {
    const field = issue.path.map(String).join(".");
    if (seen.has(field)) continue;
    seen.add(field);
    const message = issue.code === "unrecognized_keys"
      ? `unknown field${issue.keys.length > 1 ? "s" : ""} ${issue.keys.join(", ")}${
        field ? ` in ${prefix}${field}` : ""
      }`
      : field
      ? `${prefix}${field}: ${issue.message}`
      : issue.message;
    issues.push({ field, message });
  }
  return issues;
}

/** Parses `input` with `schema`, or throws DomainError("invalid") with every field's problem. */
export function parseInput<T extends z.ZodType>(
  schema: T,
  input: unknown,
  prefix = "",
): z.infer<T> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const issues = fieldIssues(parsed.error, prefix);
  throw new DomainError("invalid", issues[0]?.message ?? "invalid input", { issues });
}

/**
 * A command of the domain (docs/adr/0009): its input schema and what it does with the parsed
 * input. The returned function takes `(services, actor, input)` and always parses the input
 * first, so no command can skip validation.
 */
export function command<S extends z.ZodType, R, A = Actor>(
  schema: S,
  run: (s: Services, actor: A, input: z.infer<S>) => Promise<R>,
): (s: Services, actor: A, input: z.input<S>) => Promise<R> {
  return (s, actor, input) => run(s, actor, parseInput(schema, input));
}
