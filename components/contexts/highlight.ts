/** A message cut into plain and matching parts; rendering escapes every part. */
export function highlightParts(
  text: string,
  q: string | null,
): Array<{ text: string; match: boolean }> {
  if (!q) return [{ text, match: false }];
  const pattern = new RegExp(q.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"), "giu");
  const parts: Array<{ text: string; match: boolean }> = [];
  let at = 0;
  for (const m of text.matchAll(pattern)) {
    if (m.index > at) parts.push({ text: text.slice(at, m.index), match: false });
    parts.push({ text: m[0], match: true });
    at = m.index + m[0].length;
  }
  if (at < text.length) parts.push({ text: text.slice(at), match: false });
  return parts;
}
