// The filters of every log read (list, live tail, export, the viewer page), parsed by the one
// shared query helper: a nonsense value is a 400 that names the parameter and what is allowed.
import { z } from "zod";
import { invalid } from "../errors.ts";
import { intParam, parseQuery } from "../http/query.ts";
import { isSeverity, levelOf } from "./severity.ts";
import { checkText } from "./text.ts";
import { type FieldTerm, parseFields } from "./fields.ts";
import { parseRfc3339, parseUtcDateTime } from "./time.ts";
import { DAY } from "../time.ts";

export const MAX_QUERY_CHARS = 512;
export const MAX_LOG_LIMIT = 1000;
export const DEFAULT_LOG_LIMIT = 50;
/** The longest from..to span, unless logs are kept longer (then: the retention period). */
export const MIN_RANGE_CAP_DAYS = 31;
export const MAX_CURSOR = 9_999_999_999;

/** A validated set of filters; null means "not filtered by this". */
export interface LogFilter {
  /** Exactly this level. */
  level: number | null;
  /** This level and above. */
  minLevel: number | null;
  /** A literal, case-insensitive substring of the message. */
  q: string | null;
  /** Metadata field conditions, all of which hold (fields.ts); absent or empty: none. */
  fields?: FieldTerm[];
  from: Date | null;
  to: Date | null;
  beforeId: number | null;
  afterId: number | null;
  limit: number;
}

const severity = z.string().trim().refine(isSeverity, "must be one of: debug, info, warn, error");

const text = z.string().transform((value, ctx) => {
  const checked = checkText("q", value, { max: MAX_QUERY_CHARS });
  if ("error" in checked) {
    ctx.addIssue({ code: "custom", message: checked.error.replace(/^q /, "") });
    return z.NEVER;
  }
  return checked.value;
});

const fields = z.string().transform((value, ctx) => {
  const checked = checkText("fields", value, { max: MAX_QUERY_CHARS });
  if ("error" in checked) {
    ctx.addIssue({ code: "custom", message: checked.error.replace(/^fields /, "") });
    return z.NEVER;
  }
  return checked.value ?? "";
});

function time(localAsUtc: boolean) {
  return z.string().transform((value, ctx) => {
    const date = localAsUtc ? parseUtcDateTime(value) : parseRfc3339(value);
    if (!date) {
      ctx.addIssue({
        code: "custom",
        message: "must be an RFC 3339 time such as 2026-02-06T12:30:00Z",
      });
      return z.NEVER;
    }
    return date;
  });
}

/** The filter parameters; pages read zone-less times (datetime-local inputs) as UTC. */
export function logQueryParams(options: { localTimes?: boolean; maxLimit?: number } = {}) {
  const t = time(options.localTimes ?? false);
  return z.object({
    severity: severity.optional(),
    min_severity: severity.optional(),
    q: text.optional(),
    fields: fields.optional().meta({
      description: "Metadata field filters, such as `status:500 route:/v1/orders* " +
        "duration_ms>250` (docs/api.md, Field filters)",
    }),
    from: t.optional(),
    to: t.optional(),
    before_id: intParam(1, MAX_CURSOR).optional(),
    after_id: intParam(1, MAX_CURSOR).optional(),
    limit: intParam(1, options.maxLimit ?? MAX_LOG_LIMIT).optional(),
  });
}

/** The longest from..to span allowed with this retention. */
export function rangeCapDays(retentionDays: number): number {
  return Math.max(MIN_RANGE_CAP_DAYS, retentionDays);
}

/** Parses and cross-checks the filters of a request (400 with the reason). */
export function parseLogFilter(
  url: URL,
  options: { now: Date; retentionDays: number; localTimes?: boolean; defaultLimit?: number },
): LogFilter {
  const p = parseQuery(url, logQueryParams(options));
  return checkLogFilter(p, options);
}

/** The cross-field rules, for callers that parsed the parameters themselves. */
export function checkLogFilter(
  p: z.infer<ReturnType<typeof logQueryParams>>,
  options: { now: Date; retentionDays: number; defaultLimit?: number },
): LogFilter {
  if (p.severity && p.min_severity) {
    throw invalid("severity", "use severity or min_severity, not both");
  }
  if (p.from && p.to && p.from.getTime() > p.to.getTime()) {
    throw invalid("from", "from must not be after to");
  }
  const cap = rangeCapDays(options.retentionDays);
  if (p.from && (p.to ?? options.now).getTime() - p.from.getTime() > cap * DAY) {
    throw invalid("from", `from and to may be at most ${cap} days apart`);
  }
  if (p.before_id && p.after_id && p.after_id >= p.before_id) {
    throw invalid("after_id", "after_id must be less than before_id");
  }
  return {
    level: p.severity ? levelOf(p.severity) : null,
    minLevel: p.min_severity ? levelOf(p.min_severity) : null,
    q: p.q ?? null,
    fields: p.fields ? parseFields(p.fields) : [],
    from: p.from ?? null,
    to: p.to ?? null,
    beforeId: p.before_id ?? null,
    afterId: p.after_id ?? null,
    limit: p.limit ?? options.defaultLimit ?? DEFAULT_LOG_LIMIT,
  };
}
