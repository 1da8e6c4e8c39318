// The shape limits of JSON the API accepts. JSON.parse itself never recurses, but almost
// everything done with its result afterwards does (JSON.stringify, schema checks, pretty
// printing): 8,000 nested arrays fit in 16 KiB and overflow the stack when printed, and a
// few thousand cost quadratic time and memory. So depth and size are bounded right after
// parsing, by a walk that keeps its own stack.

export interface JsonShapeLimits {
  /** Objects and arrays inside one another; a flat object is 1. */
  maxDepth: number;
  /** Object keys plus array items, counted over the whole value. */
  maxItems: number;
}

/** What every JSON request body may hold (readJson). */
export const JSON_BODY_LIMITS: JsonShapeLimits = { maxDepth: 32, maxItems: 10_000 };

/**
 * How `value` breaks the limits, worded to follow its name ("must nest at most 32 levels of
 * objects and arrays"), or null when it keeps to them. Stops at the first excess.
 */
export function jsonShapeProblem(value: unknown, limits: JsonShapeLimits): string | null {
  const pending: Array<[unknown, number]> = [[value, 1]];
  let items = 0;
  while (pending.length > 0) {
    const [current, depth] = pending.pop()!;
    if (typeof current !== "object" || current === null) continue;
    if (depth > limits.maxDepth) {
      return `must nest at most ${limits.maxDepth} levels of objects and arrays`;
    }
    const children = Array.isArray(current) ? current : Object.values(current);
    items += children.length;
    if (items > limits.maxItems) {
      return `must hold at most ${limits.maxItems} keys and array items in all`;
    }
    for (const child of children) {
      if (typeof child === "object" && child !== null) pending.push([child, depth + 1]);
    }
  }
  return null;
}
