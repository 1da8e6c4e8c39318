// RFC 3339 timestamps in and out. The API answers with `Date.toISOString()` (ADR 0005); it
// reads full RFC 3339 date-times with a zone, and the pages also read the zone-less value a
// datetime-local input submits, as UTC (the pages show every time in UTC).

const RFC3339 =
  /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(\.\d{1,9})?([Zz]|[+-]\d{2}:\d{2})$/;
const LOCAL = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?$/;

/** The instant of an RFC 3339 date-time (with `Z` or an offset), or null. */
export function parseRfc3339(text: string): Date | null {
  const m = RFC3339.exec(text.trim());
  if (!m) return null;
  const [, y, mo, d, h, mi, s, frac, zone] = m;
  return build(y!, mo!, d!, h!, mi!, s!, frac, zone!.toUpperCase());
}

/** RFC 3339, or a zone-less `YYYY-MM-DDTHH:MM[:SS]` read as UTC (datetime-local inputs). */
export function parseUtcDateTime(text: string): Date | null {
  const rfc = parseRfc3339(text);
  if (rfc) return rfc;
  const m = LOCAL.exec(text.trim());
  if (!m) return null;
  const [, y, mo, d, h, mi, s, frac] = m;
  return build(y!, mo!, d!, h!, mi!, s ?? "00", frac, "Z");
}

function build(
  y: string,
  mo: string,
  d: string,
  h: string,
  mi: string,
  s: string,
  frac: string | undefined,
  zone: string,
): Date | null {
  const [year, month, day, hour, minute, second] = [y, mo, d, h, mi, s].map(Number) as number[];
  // Date.UTC rolls February 30 into March; a round trip catches every out-of-range field.
  const local = new Date(Date.UTC(year!, month! - 1, day!, hour!, minute!, second!));
  if (
    local.getUTCFullYear() !== year || local.getUTCMonth() !== month! - 1 ||
    local.getUTCDate() !== day || local.getUTCHours() !== hour ||
    local.getUTCMinutes() !== minute || local.getUTCSeconds() !== second
  ) return null;
  const ms = frac ? Math.floor(Number(`0${frac}`) * 1000) : 0;
  let offset = 0;
  if (zone !== "Z") {
    const sign = zone[0] === "-" ? -1 : 1;
    const [oh, om] = zone.slice(1).split(":").map(Number) as [number, number];
    if (oh > 23 || om > 59) return null;
    offset = sign * (oh * 60 + om) * 60_000;
  }
  return new Date(local.getTime() + ms - offset);
}

/** `2026-11-25T12:00:00.000Z`: how the API writes every time. */
export function rfc3339(date: Date): string {
  return date.toISOString();
}

/** `2026-11-25T12:00:05`: the value of a datetime-local input showing a UTC time. */
export function dateTimeLocalValue(date: Date): string {
  return date.toISOString().slice(0, 19);
}
