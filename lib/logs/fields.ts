// Field queries over a line's metadata: `status:500`, `route:/v1/orders*`, `duration_ms>250`.
// The grammar (docs/api.md, "Field filters"), terms separated by spaces, all must hold:
//
//   term  := key op value
//   key   := a letter or _, then up to 63 letters, digits, _, . or -
//   op    := ":" (equals; a bare value ending in * is a prefix) | ">" | ">=" | "<" | "<="
//   value := bare (no spaces, no ") | "quoted" (\" and \\ escape; * is literal)
//
// `:` compares the field's text form (a string as is, a number as JSON writes it, true or
// false); the comparisons need a number and match fields holding a JSON number. Only the
// top-level scalar fields of a line are indexed, within the bounds below (both stores apply
// them the same way: indexedFields here, the trigger of migrations/0011 in libSQL).
import { invalid } from "../errors.ts";
import { charCount } from "./text.ts";

export const MAX_FIELD_TERMS = 8;
export const MAX_FIELD_KEY_CHARS = 64;
export const MAX_FIELD_VALUE_CHARS = 256;
/** Fields indexed per line: the first this many scalar fields. */
export const MAX_INDEXED_FIELDS = 32;

export type FieldOp = "eq" | "prefix" | "gt" | "gte" | "lt" | "lte";

export interface FieldTerm {
  key: string;
  op: FieldOp;
  /** The text to match (eq, prefix). */
  text: string | null;
  /** The number to compare with (gt, gte, lt, lte). */
  num: number | null;
}

const KEY = /^[A-Za-z_][A-Za-z0-9_.-]{0,63}/;
const NUMBER = /^-?\d+(\.\d+)?([eE][+-]?\d+)?$/;
const OPS: Array<[string, FieldOp]> = [[">=", "gte"], ["<=", "lte"], [">", "gt"], ["<", "lt"], [
  ":",
  "eq",
]];
export const FIELDS_HELP =
  "write key:value, key:prefix*, key>n, key>=n, key<n or key<=n, separated by spaces";

/** The terms of a `fields` parameter; a 400 naming the term and what is allowed. */
export function parseFields(input: string): FieldTerm[] {
  const terms: FieldTerm[] = [];
  let rest = input.trim();
  while (rest !== "") {
    const key = KEY.exec(rest)?.[0];
    if (!key) throw bad(`${word(rest)} does not start with a field name (a letter or _ first)`);
    rest = rest.slice(key.length);
    const found = OPS.find(([sym]) => rest.startsWith(sym));
    if (!found) throw bad(`${key}${word(rest)} is not a field filter; ${FIELDS_HELP}`);
    const [sym, op] = found;
    rest = rest.slice(sym.length);
    const { value, quoted, left } = readValue(rest, `${key}${sym}`);
    rest = left.trimStart();
    terms.push(term(key, op, sym, value, quoted));
    if (terms.length > MAX_FIELD_TERMS) throw bad(`at most ${MAX_FIELD_TERMS} field filters`);
  }
  return terms;
}

function term(key: string, op: FieldOp, sym: string, value: string, quoted: boolean): FieldTerm {
  if (op !== "eq") {
    if (quoted || !NUMBER.test(value) || !Number.isFinite(Number(value))) {
      throw bad(`${key}${sym} needs a number, such as ${key}${sym}250`);
    }
    return { key, op, text: null, num: Number(value) };
  }
  const prefix = !quoted && value.endsWith("*");
  const text = prefix ? value.slice(0, -1) : value;
  if (prefix && text === "") throw bad(`${key}:* needs a prefix before the *`);
  if (charCount(text) > MAX_FIELD_VALUE_CHARS) {
    throw bad(`a field value is at most ${MAX_FIELD_VALUE_CHARS} characters`);
  }
  return { key, op: prefix ? "prefix" : "eq", text, num: null };
}

function readValue(
  rest: string,
  head: string,
): { value: string; quoted: boolean; left: string } {
  if (!rest.startsWith('"')) {
    const value = /^[^\s"]*/.exec(rest)![0];
    if (value === "") throw bad(`${head} needs a value; ${FIELDS_HELP}`);
    return { value, quoted: false, left: rest.slice(value.length) };
  }
  let value = "";
  for (let i = 1; i < rest.length; i++) {
    const c = rest[i]!;
    if (c === '"') return { value, quoted: true, left: rest.slice(i + 1) };
    if (c === "\\" && (rest[i + 1] === '"' || rest[i + 1] === "\\")) value += rest[++i];
    else value += c;
  }
  throw bad(`${head}"${value} has no closing quote`);
}

function word(text: string): string {
  return JSON.stringify(/^\S*/.exec(text)![0].slice(0, 40));
}

function bad(message: string) {
  return invalid("fields", message);
}

/** A field filter as text again (the viewer's input, links). */
export function formatFields(terms: FieldTerm[]): string {
  return terms.map((t) => {
    if (t.op === "prefix") return `${t.key}:${quote(t.text!)}*`;
    if (t.op === "eq") {
      const q = quote(t.text!);
      return `${t.key}:${q.endsWith("*") && q === t.text ? `"${t.text}"` : q}`;
    }
    const sym = { gt: ">", gte: ">=", lt: "<", lte: "<=" }[t.op];
    return `${t.key}${sym}${t.num}`;
  }).join(" ");
}

function quote(text: string): string {
  return text !== "" && /^[^\s"\\]+$/.test(text)
    ? text
    : `"${text.replaceAll("\\", "\\\\").replaceAll('"', '\\"')}"`;
}

/** A line's indexed fields: [key, text form, number or null], as both stores index them. */
export function indexedFields(
  metadata: Record<string, unknown> | null,
): Array<[string, string, number | null]> {
  const out: Array<[string, string, number | null]> = [];
  if (!metadata) return out;
  for (const [key, value] of Object.entries(metadata)) {
    if (out.length >= MAX_INDEXED_FIELDS) break;
    if (charCount(key) > MAX_FIELD_KEY_CHARS) continue;
    if (typeof value === "string") {
      if (charCount(value) <= MAX_FIELD_VALUE_CHARS) out.push([key, value, null]);
    } else if (typeof value === "number" && Number.isFinite(value)) {
      out.push([key, JSON.stringify(value), value]);
    } else if (typeof value === "boolean") out.push([key, String(value), null]);
  }
  return out;
}
