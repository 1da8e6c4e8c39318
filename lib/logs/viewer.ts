// What the log viewer page shows for a URL: the filters (time presets, a custom range in UTC,
// severity, text, field filters), the page of lines around a cursor or a permalinked line, whether there
// are older and newer lines, the histogram of the range, and how far back logs go.
import { z } from "zod";
import type { Db } from "../db/client.ts";
import { DomainError } from "../errors.ts";
import { intParam, parseQuery } from "../http/query.ts";
import type { LogLine } from "./append.ts";
import { requireCursors } from "./cursors.ts";
import {
  checkLogFilter,
  type LogFilter,
  logQueryParams,
  MAX_CURSOR,
  rangeCapDays,
} from "./filter.ts";
import { type Histogram, logExtent, logHistogram } from "./histogram.ts";
import { readLines } from "./read.ts";
import { severityOf } from "./severity.ts";
import { dateTimeLocalValue } from "./time.ts";
import { formatFields } from "./fields.ts";
import { newestLineId } from "./tail.ts";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

export const PRESETS = {
  "15m": { label: "15 min", title: "The last 15 minutes", ms: 15 * MINUTE },
  "1h": { label: "1 h", title: "The last hour", ms: 60 * MINUTE },
  "24h": { label: "24 h", title: "The last 24 hours", ms: DAY },
  "7d": { label: "7 d", title: "The last 7 days", ms: 7 * DAY },
} as const;
export type Preset = keyof typeof PRESETS;
const PRESET_KEYS = Object.keys(PRESETS) as [Preset, ...Preset[]];

export const VIEW_PAGE_LINES = 100;

const ViewParams = logQueryParams({ localTimes: true }).extend({
  range: z.enum(PRESET_KEYS, `must be one of: ${PRESET_KEYS.join(", ")}`).optional(),
  line: intParam(1, MAX_CURSOR).optional(),
});

export interface FilterForm {
  preset: Preset | null;
  /** datetime-local values, UTC. */
  from: string;
  to: string;
  q: string;
  /** The field filters as typed (fields.ts), or "" (absent: a form that predates them). */
  fields?: string;
  /** The "and above" severity, or "". */
  minSeverity: string;
  /** An exact severity (from a shared link), or "". */
  exact: string;
}

export interface LogView {
  /** The filters in force; a preset has become a `from`. */
  filter: LogFilter;
  preset: Preset | null;
  /** The user's own from/to, when they set a custom range. */
  custom: { from: Date | null; to: Date | null };
  /** The filter form's fields as the page shows them back (as typed, when refused). */
  form: FilterForm;
  /** A permalinked line to show in its surroundings. */
  line: number | null;
  /** The permalinked line is not among the lines: the filters hide it (the page says so). */
  lineHidden: boolean;
  /** Oldest first, as the page lists them. */
  lines: LogLine[];
  hasOlder: boolean;
  hasNewer: boolean;
  histogram: Histogram | null;
  extent: { oldest: Date | null; newest: Date | null; lines: number };
  /** Whether the live tail applies (the newest lines are shown and the range is open). */
  tailable: boolean;
  /** The live tail starts after this line. */
  tailFrom: number;
  /** Why the filters were refused (the page says so and shows no lines), or null. */
  error: string | null;
}

/** Loads the viewer for the context (which the caller owns) from the page's URL. */
export async function loadLogView(
  db: Db,
  contextId: string,
  url: URL,
  options: { now: Date; retentionDays: number },
): Promise<LogView> {
  const extent = await logExtent(db, contextId);
  let parsed;
  try {
    const p = parseQuery(url, ViewParams);
    const filter = checkLogFilter(p, { ...options, defaultLimit: VIEW_PAGE_LINES });
    const preset = !p.from && !p.to && p.range ? p.range : null;
    if (preset) filter.from = new Date(options.now.getTime() - PRESETS[preset].ms);
    await requireCursors(db, contextId, {
      before_id: filter.beforeId,
      after_id: filter.afterId,
      line: p.line,
    });
    const custom = { from: p.from ?? null, to: p.to ?? null };
    parsed = { filter, preset, custom, form: formOf(filter, preset, custom), line: p.line ?? null };
  } catch (error) {
    if (!(error instanceof DomainError) || error.kind !== "invalid") throw error;
    return {
      filter: checkLogFilter({}, options),
      preset: null,
      custom: { from: null, to: null },
      form: rawForm(url),
      line: null,
      lineHidden: false,
      lines: [],
      hasOlder: false,
      hasNewer: false,
      histogram: null,
      extent,
      tailable: false,
      tailFrom: 0,
      error: error.message,
    };
  }
  const { filter } = parsed;
  const [page, histogram] = await Promise.all([
    linesFor(db, contextId, filter, parsed.line),
    histogramFor(db, contextId, filter, extent, options),
  ]);
  const newest = page.lines[page.lines.length - 1];
  const tailable = !page.hasNewer && filter.to === null;
  return {
    ...parsed,
    ...page,
    histogram,
    extent,
    lineHidden: parsed.line !== null && !page.lines.some((l) => l.id === parsed.line),
    tailable,
    tailFrom: tailable ? newest?.id ?? await newestLineId(db, contextId) : 0,
    error: null,
  };
}

async function linesFor(
  db: Db,
  contextId: string,
  filter: LogFilter,
  line: number | null,
): Promise<{ lines: LogLine[]; hasOlder: boolean; hasNewer: boolean }> {
  const read = (f: Partial<LogFilter>, direction: "asc" | "desc") =>
    readLines(db, contextId, { ...filter, ...f }, { direction });
  if (line !== null) {
    const half = Math.ceil(filter.limit / 2);
    const [older, newer] = await Promise.all([
      read({ beforeId: line + 1, afterId: null, limit: half }, "desc"),
      read({ afterId: line, beforeId: null, limit: filter.limit - half }, "asc"),
    ]);
    return {
      lines: [...older.lines.reverse(), ...newer.lines],
      hasOlder: older.more,
      hasNewer: newer.more,
    };
  }
  if (filter.afterId !== null && filter.beforeId === null) {
    const page = await read({}, "asc");
    const first = page.lines[0];
    const older = first
      ? await read({ beforeId: first.id, afterId: null, limit: 1 }, "desc")
      : null;
    return { lines: page.lines, hasOlder: !!older?.lines.length, hasNewer: page.more };
  }
  const page = await read({}, "desc");
  const lines = page.lines.reverse();
  const last = lines[lines.length - 1];
  const newer = filter.beforeId !== null && last
    ? await read({ afterId: last.id, beforeId: null, limit: 1 }, "asc")
    : null;
  return { lines, hasOlder: page.more, hasNewer: !!newer?.lines.length };
}

function histogramFor(
  db: Db,
  contextId: string,
  filter: LogFilter,
  extent: { oldest: Date | null; newest: Date | null },
  options: { now: Date; retentionDays: number },
): Promise<Histogram | null> {
  const now = options.now.getTime();
  const cap = rangeCapDays(options.retentionDays) * DAY;
  let from = filter.from?.getTime() ?? null;
  let to = filter.to?.getTime() ?? null;
  if (from === null && to === null) {
    if (!extent.oldest || !extent.newest) return Promise.resolve(null);
    // Every line kept; a context still logging is drawn up to now, and a short history is
    // drawn over a quarter of an hour rather than as one wide bar.
    to = now - extent.newest.getTime() < HOUR ? now : extent.newest.getTime();
    from = Math.min(Math.max(extent.oldest.getTime(), to - cap), to - 15 * MINUTE);
  }
  to ??= Math.max(now, from! + MINUTE);
  from ??= Math.max(extent.oldest?.getTime() ?? to - DAY, to - cap);
  if (from >= to) from = to - MINUTE;
  return logHistogram(db, contextId, { from: new Date(from), to: new Date(to) }, filter);
}

function formOf(
  filter: LogFilter,
  preset: Preset | null,
  custom: { from: Date | null; to: Date | null },
): FilterForm {
  return {
    preset,
    from: !preset && custom.from ? dateTimeLocalValue(custom.from) : "",
    to: !preset && custom.to ? dateTimeLocalValue(custom.to) : "",
    q: filter.q ?? "",
    fields: filter.fields?.length ? formatFields(filter.fields) : "",
    minSeverity: filter.minLevel !== null && filter.minLevel > 0 ? severityOf(filter.minLevel) : "",
    exact: filter.level !== null ? severityOf(filter.level) : "",
  };
}

/** The form as the URL had it, for refused filters the user should be able to correct. */
function rawForm(url: URL): FilterForm {
  const get = (name: string) => url.searchParams.get(name) ?? "";
  const range = get("range");
  return {
    preset: Object.hasOwn(PRESETS, range) ? range as Preset : null,
    from: get("from"),
    to: get("to"),
    q: get("q"),
    fields: get("fields"),
    minSeverity: get("min_severity"),
    exact: get("severity"),
  };
}
