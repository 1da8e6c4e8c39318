// The filters of lib/logs/filter.ts as ClickHouse conditions, with the same meaning as in
// libSQL: severity exact or "and above", an inclusive time range, a case-insensitive literal
// substring of the message, field terms (fields.ts), and exclusive id bounds.
import type { FieldTerm } from "../fields.ts";
import type { LogFilter } from "../filter.ts";
import { num, str } from "./client.ts";

export function fieldCondition(term: FieldTerm): string {
  const key = str(term.key);
  if (term.op === "eq") {
    return `arrayExists((k, v) -> k = ${key} AND v = ${str(term.text!)}, field_keys, field_values)`;
  }
  if (term.op === "prefix") {
    const prefix = term.text!;
    const bytes = new TextEncoder().encode(prefix).length;
    return `arrayExists((k, v) -> k = ${key} AND substring(v, 1, ${bytes}) = ${
      str(prefix)
    }, field_keys, field_values)`;
  }
  const op = { gt: ">", gte: ">=", lt: "<", lte: "<=" }[term.op];
  return `arrayExists((k, n) -> k = ${key} AND n ${op} ${num(term.num!)}, num_keys, num_values)`;
}

/** Conditions for the filters; `bounds` are exclusive ids (cursors, a tail's snapshot). */
export function whereOf(
  contextId: string,
  filter: Pick<LogFilter, "level" | "minLevel" | "q" | "fields" | "from" | "to">,
  bounds: { above?: number | null; below?: number | null } = {},
): string {
  const out = [`context_id = ${str(contextId)}`];
  if (filter.level !== null) out.push(`level = ${num(filter.level)}`);
  if (filter.minLevel !== null && filter.minLevel > 0) out.push(`level >= ${num(filter.minLevel)}`);
  if (filter.from) out.push(`ts >= ${num(filter.from.getTime())}`);
  if (filter.to) out.push(`ts <= ${num(filter.to.getTime())}`);
  if (filter.q) out.push(`positionCaseInsensitiveUTF8(message, ${str(filter.q)}) > 0`);
  for (const term of filter.fields ?? []) out.push(fieldCondition(term));
  if (bounds.above != null) out.push(`id > ${num(bounds.above)}`);
  if (bounds.below != null) out.push(`id < ${num(bounds.below)}`);
  return out.join(" AND ");
}
