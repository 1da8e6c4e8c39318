import { z } from "zod";
import { parseInput } from "../validation.ts";

/**
 * Parses a URL's query string with a zod object schema: one helper for every list page and
 * API, so limits and filters are validated the same way everywhere. Repeated parameters take
 * the first value; empty values count as absent. Errors are 400 and name the parameter.
 */
export function parseQuery<T extends z.ZodType>(url: URL, schema: T): z.infer<T> {
  const raw: Record<string, string> = {};
  for (const [k, v] of url.searchParams) if (!(k in raw) && v !== "") raw[k] = v;
  return parseInput(schema, raw, "query parameter ");
}

/** An integer query parameter in [min, max]; "abc", "-1", "1e9" and "1.5" are errors naming the range. */
export function intParam(min: number, max: number) {
  const message = `must be a whole number from ${min} to ${max}`;
  return z.string().regex(/^-?\d{1,10}$/, message).transform(Number).pipe(
    z.number().int().min(min, message).max(max, message),
  );
}
