/** A link to `path` with the current query parameters changed (null removes one). */
export function withParams(
  path: string,
  current: Record<string, string>,
  changes: Record<string, string | null> = {},
): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries({ ...current, ...changes })) if (v) params.set(k, v);
  const query = params.toString();
  return query ? `${path}?${query}` : path;
}
