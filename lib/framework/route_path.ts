/**
 * Turns file paths under routes/ into URL segments, following Fresh 2's conventions:
 * `index`, `[param]`, `prefix[param]` (such as `@[handle]`), `[...rest]`, `(group)` folders
 * and the special `_app`, `_layout`, `_middleware`, `_error`, `_404` files.
 */

export type Segment =
  | { kind: "static"; value: string }
  | { kind: "param"; name: string; prefix: string }
  | { kind: "rest"; name: string };

export type SpecialFile = "_app" | "_layout" | "_middleware" | "_error" | "_404";

export type ParsedRouteFile =
  | { kind: "route"; file: string; dir: string; segments: Segment[]; pattern: string }
  | { kind: "special"; file: string; dir: string; special: SpecialFile };

const SPECIAL = new Set<string>(["_app", "_layout", "_middleware", "_error", "_404"]);
const PARAM = /^([^[\]]*)\[([A-Za-z_][A-Za-z0-9_]*)\]$/;
const REST = /^\[\.\.\.([A-Za-z_][A-Za-z0-9_]*)\]$/;
const GROUP = /^\([A-Za-z0-9_-]+\)$/;

/** Parses `./routes/(app)/packages/[name].tsx` relative to the routes folder. */
export function parseRouteFile(file: string): ParsedRouteFile {
  const rel = file.replace(/^\.\/routes\//, "").replace(/\.(tsx|ts)$/, "");
  const parts = rel.split("/");
  const base = parts.pop()!;
  const dir = parts.join("/");
  if (base.startsWith("_")) {
    if (!SPECIAL.has(base)) {
      throw new Error(
        `${file}: unknown special file "${base}"; allowed: ${[...SPECIAL].join(", ")}`,
      );
    }
    if (base === "_app" && dir !== "") {
      throw new Error(`${file}: _app is only allowed at routes/_app`);
    }
    return { kind: "special", file, dir, special: base as SpecialFile };
  }
  const segments: Segment[] = [];
  for (const part of [...parts, base]) {
    if (GROUP.test(part)) continue;
    if (part === "index" && part === base) continue;
    segments.push(parseSegment(file, part));
  }
  segments.forEach((s, i) => {
    if (s.kind === "rest" && i !== segments.length - 1) {
      throw new Error(`${file}: a [...rest] segment must be the last one`);
    }
  });
  return { kind: "route", file, dir, segments, pattern: patternOf(segments) };
}

function parseSegment(file: string, part: string): Segment {
  const rest = REST.exec(part);
  if (rest) return { kind: "rest", name: rest[1]! };
  const param = PARAM.exec(part);
  if (param) return { kind: "param", name: param[2]!, prefix: param[1]! };
  if (/[[\]()]/.test(part)) {
    throw new Error(
      `${file}: "${part}" is not a valid segment; use name, [param], prefix[param] or [...rest]`,
    );
  }
  return { kind: "static", value: part };
}

/** The display pattern, such as `/@:handle/:name`. */
export function patternOf(segments: Segment[]): string {
  const parts = segments.map((s) =>
    s.kind === "static" ? s.value : s.kind === "param" ? `${s.prefix}:${s.name}` : `:${s.name}*`
  );
  return "/" + parts.join("/");
}

/** The pattern with parameter names erased: two routes with the same shape collide. */
export function shapeOf(segments: Segment[]): string {
  return "/" +
    segments.map((s) =>
      s.kind === "static" ? `s:${s.value}` : s.kind === "param" ? `p:${s.prefix}` : "r"
    ).join("/");
}

/** The folders from the root down to `dir`: "" then "(app)" then "(app)/packages". */
export function folderChain(dir: string): string[] {
  const chain = [""];
  if (dir === "") return chain;
  const parts = dir.split("/");
  for (let i = 1; i <= parts.length; i++) chain.push(parts.slice(0, i).join("/"));
  return chain;
}

/** Parses every route file and fails on two files that resolve to the same route. */
export function parseRouteFiles(files: string[]): ParsedRouteFile[] {
  const parsed = [...files].sort().map(parseRouteFile);
  const shapes = new Map<string, string>();
  for (const p of parsed) {
    if (p.kind !== "route") continue;
    const shape = shapeOf(p.segments);
    const clash = shapes.get(shape);
    if (clash) throw new Error(`${clash} and ${p.file} both resolve to ${p.pattern}`);
    shapes.set(shape, p.file);
  }
  return parsed;
}
