/** Longer than any address this app makes; a Location that size only serves an attacker. */
const MAX_TARGET_LENGTH = 2048;

export interface RedirectTargetOptions {
  /** The configured public origin, such as https://control.example.com. */
  origin: string;
  /** Where to go when the target is not a same-origin path. */
  fallback: string;
}

/**
 * The one rule for every redirect target: the normalized path (with query and hash) that
 * `target` names on `origin`, or `fallback` when it names anything else. The check runs on
 * the URL parser's final result, since `/.//x`, `/%2e//x` and `/\t/x` only become
 * protocol-relative after dot segments are resolved and tabs and newlines are stripped.
 */
export function redirectTarget(target: unknown, options: RedirectTargetOptions): string {
  const { origin, fallback } = options;
  if (typeof target !== "string" || target.length > MAX_TARGET_LENGTH) return fallback;
  if (!target.startsWith("/")) return fallback;
  let url: URL;
  try {
    url = new URL(target, origin);
  } catch {
    return fallback;
  }
  if (url.origin !== origin) return fallback;
  const path = url.pathname + url.search + url.hash;
  return isLocalPath(path, origin) ? path : fallback;
}

/** Exactly one leading `/`, and a browser resolving it against `origin` stays there. */
function isLocalPath(path: string, origin: string): boolean {
  if (!path.startsWith("/") || path[1] === "/" || path[1] === "\\") return false;
  try {
    return new URL(path, origin).origin === origin;
  } catch {
    return false;
  }
}
