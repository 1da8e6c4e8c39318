// The metadata fields a compact log row shows inline, so the common ones (request id, status,
// duration) are readable without opening the line.

/** Fields shown first when present, in this order; then the other scalar fields. */
const PREFERRED = [
  "request_id",
  "trace_id",
  "status",
  "method",
  "route",
  "path",
  "duration_ms",
  "user_id",
  "upstream",
  "error",
];
const MAX_FIELDS = 4;
const MAX_VALUE_CHARS = 40;

/**
 * `request_id=req-7 status=200` from the top-level scalar fields of the metadata, and whether
 * that says all of it (then the row needs no JSON block to show the metadata whole).
 */
export function keyFields(
  metadata: Record<string, unknown> | null,
): { text: string; complete: boolean } {
  if (!metadata) return { text: "", complete: true };
  const keys = Object.keys(metadata);
  const ordered = [
    ...PREFERRED.filter((k) => Object.hasOwn(metadata, k)),
    ...keys.filter((k) => !PREFERRED.includes(k)),
  ];
  const out: string[] = [];
  let complete = keys.length <= MAX_FIELDS;
  for (const key of ordered) {
    if (out.length === MAX_FIELDS) break;
    const value = metadata[key];
    if (typeof value === "object" || typeof value === "string" && !plainWord(value)) {
      complete = false;
      if (value === null || typeof value === "object") continue;
    }
    const text = String(value);
    if (text.length > MAX_VALUE_CHARS || key.length > MAX_VALUE_CHARS || !/^\w+$/.test(key)) {
      complete = false;
    }
    const shown = text.length > MAX_VALUE_CHARS ? `${text.slice(0, MAX_VALUE_CHARS)}…` : text;
    out.push(`${key.length > MAX_VALUE_CHARS ? key.slice(0, MAX_VALUE_CHARS) : key}=${shown}`);
  }
  return { text: out.join(" "), complete };
}

/** A string that `k=v` shows unambiguously: no spaces or quotes, and not read as a number. */
function plainWord(value: string): boolean {
  return /^[^\s"=]+$/.test(value) && !/^(-?[\d.]|true$|false$|null$)/.test(value);
}
