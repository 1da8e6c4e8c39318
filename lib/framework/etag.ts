/**
 * Whether an If-None-Match header names `etag`, for a 304: weak comparison, as RFC 9110 asks
 * of GET and HEAD, and `*` matches any current representation.
 */
export function matchesEtag(header: string | null, etag: string): boolean {
  if (!header) return false;
  if (header.trim() === "*") return true;
  return header.split(",").some((t) => t.trim().replace(/^W\//, "") === etag);
}
