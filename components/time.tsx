/** A time as "3 minutes ago", with the exact UTC time on hover and in the markup. */
export function RelativeTime({ date, now }: { date: Date; now: Date }) {
  // Lists render one per row: the ISO form is made once.
  const iso = date.toISOString();
  return (
    <time dateTime={iso} title={`${iso.slice(0, 10)} ${iso.slice(11, 19)} UTC`}>
      {relative(date, now)}
    </time>
  );
}

const UNITS: [number, string][] = [[86_400_000, "day"], [3_600_000, "hour"], [60_000, "minute"]];

/** "just now", "5 minutes ago", "in 3 days", "on 2026-01-05". */
export function relative(date: Date, now: Date): string {
  const diff = now.getTime() - date.getTime();
  const abs = Math.abs(diff);
  const future = diff < 0;
  if (abs < 60_000) return future ? "in under a minute" : "just now";
  if (abs > 60 * 86_400_000) return `on ${date.toISOString().slice(0, 10)}`;
  for (const [ms, unit] of UNITS) {
    if (abs >= ms) {
      const n = Math.floor(abs / ms);
      const text = `${n} ${unit}${n === 1 ? "" : "s"}`;
      return future ? `in ${text}` : `${text} ago`;
    }
  }
  return date.toISOString();
}

/** "2026-11-25 14:03 UTC". */
export function exactTime(date: Date): string {
  return date.toISOString().replace("T", " ").slice(0, 16) + " UTC";
}
