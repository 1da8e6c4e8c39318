// Metadata as the viewer prints it: JSON.stringify(value, null, 2), but stopped after a fixed
// number of characters, and walked with its own stack. Pretty printing the value whole costs
// quadratic space in its depth (every level indents every line below it) and recursion in
// JSON.stringify, so a line's cost on the page is bounded here, whatever the line holds.

interface Frame {
  value: unknown[] | Record<string, unknown>;
  keys: string[] | null;
  next: number;
  indent: string;
}

/** `value` as indented JSON, at most `max` characters; `cut` tells whether it was cut. */
export function previewJson(value: unknown, max: number): { text: string; cut: boolean } {
  let out = "";
  const stack: Frame[] = [];
  const open = (v: unknown, indent: string) => {
    if (typeof v !== "object" || v === null) {
      out += scalar(v, max - out.length + 1);
      return;
    }
    const keys = Array.isArray(v) ? null : Object.keys(v);
    if ((keys ?? (v as unknown[])).length === 0) out += keys ? "{}" : "[]";
    else {
      out += keys ? "{" : "[";
      stack.push({ value: v as Frame["value"], keys, next: 0, indent });
    }
  };
  open(value, "");
  while (stack.length > 0 && out.length <= max) {
    const frame = stack[stack.length - 1]!;
    const size = frame.keys ? frame.keys.length : (frame.value as unknown[]).length;
    if (frame.next === size) {
      stack.pop();
      out += `\n${frame.indent}${frame.keys ? "}" : "]"}`;
      continue;
    }
    const inner = `${frame.indent}  `;
    out += `${frame.next > 0 ? "," : ""}\n${inner}`;
    const key = frame.keys?.[frame.next];
    if (key !== undefined) out += `${scalar(key, max - out.length + 1)}: `;
    const child = key !== undefined
      ? (frame.value as Record<string, unknown>)[key]
      : (frame.value as unknown[])[frame.next];
    frame.next++;
    open(child, inner);
  }
  const cut = stack.length > 0 || out.length > max;
  return { text: cut ? out.slice(0, max) : out, cut };
}

/** A string, number, boolean or null as JSON; a long string is cut to `room` first. */
function scalar(v: unknown, room: number): string {
  if (typeof v === "string") return JSON.stringify(v.length > room ? v.slice(0, room) : v);
  if (typeof v === "number") return Number.isFinite(v) ? String(v) : "null";
  if (typeof v === "boolean") return String(v);
  return "null";
}
