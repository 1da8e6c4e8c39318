import { signal } from "@preact/signals";

/**
 * Island props travel as JSON with two tagged extras: `{"$date": iso}` and `{"$signal": v}`.
 * User keys that start with "$" are escaped with one more "$", so tags cannot be forged.
 */

const SIGNAL_BRAND = Symbol.for("preact-signals");

function isSignal(value: object): value is { peek(): unknown; brand: symbol } {
  return (value as { brand?: unknown }).brand === SIGNAL_BRAND;
}

/** Encodes island props; throws an error naming the island and the prop it cannot send. */
export function encodeProps(island: string, props: Record<string, unknown>): unknown {
  const out: Record<string, unknown> = {};
  for (const k in props) {
    const v = props[k];
    if (k === "children" || v === undefined || !Object.hasOwn(props, k)) continue;
    out[k.startsWith("$") ? `$${k}` : k] = encodeValue(island, v, k, null);
  }
  return out;
}

// The objects being encoded, from the props down (a cycle is an error); made only when a prop
// holds an object, so a page's usual string and number props cost no allocation.
type Seen = Set<object> | null;

function encodeValue(island: string, value: unknown, path: string, seen: Seen): unknown {
  if (value === null || typeof value === "string" || typeof value === "boolean") return value;
  if (typeof value === "number") {
    return Number.isFinite(value) ? value : cannotSend(island, path, describe(value));
  }
  if (value === undefined) return null;
  if (typeof value !== "object") return cannotSend(island, path, describe(value));
  seen ??= new Set();
  if (seen.has(value)) throw new TypeError(`Island "${island}" prop "${path}" is circular`);
  seen.add(value);
  try {
    if (value instanceof Date) {
      if (Number.isNaN(value.getTime())) cannotSend(island, path, "an invalid Date");
      return { $date: value.toISOString() };
    }
    if (isSignal(value)) {
      return { $signal: encodeValue(island, value.peek(), `${path}.value`, seen) };
    }
    if (Array.isArray(value)) {
      return value.map((v, i) => encodeValue(island, v, `${path}[${i}]`, seen));
    }
    const proto = Object.getPrototypeOf(value);
    if (proto !== Object.prototype && proto !== null) {
      return cannotSend(island, path, describe(value));
    }
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      if (v === undefined) continue;
      out[k.startsWith("$") ? `$${k}` : k] = encodeValue(island, v, `${path}.${k}`, seen);
    }
    return out;
  } finally {
    seen.delete(value);
  }
}

/** The error for a prop that cannot travel; `what` says what it is ("a function"). */
function cannotSend(island: string, path: string, what: string): never {
  throw new TypeError(
    `Island "${island}" prop "${path}" is ${what}, which cannot be sent to the ` +
      "browser; island props must be JSON values, Date or signals",
  );
}

function describe(value: unknown): string {
  if (typeof value === "function") return "a function";
  if (typeof value === "bigint") return "a bigint";
  if (typeof value === "symbol") return "a symbol";
  if (typeof value === "number") return String(value);
  return `an instance of ${(value as object).constructor?.name ?? "an unknown class"}`;
}

/** Reverses `encodeProps` in the browser. */
export function decodeProps(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(decodeProps);
  if (value === null || typeof value !== "object") return value;
  const entries = Object.entries(value);
  if (entries.length === 1) {
    const [k, v] = entries[0]!;
    if (k === "$date") return new Date(v as string);
    if (k === "$signal") return signal(decodeProps(v));
  }
  const out: Record<string, unknown> = {};
  for (const [k, v] of entries) out[k.startsWith("$$") ? k.slice(1) : k] = decodeProps(v);
  return out;
}

/** JSON that is safe inside a `<script type="application/json">` element. */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value).replace(/[<\u2028\u2029]/g, (c) => SCRIPT_ESCAPES[c]!);
}

const SCRIPT_ESCAPES: Record<string, string> = {
  "<": "\\u003c",
  "\u2028": "\\u2028",
  "\u2029": "\\u2029",
};
