// The search across an owner's contexts as the /logs page and GET /v1/logs ask for it: the
// filters of a context's logs (severity, text, time range, before_id) plus which contexts.
import { z } from "zod";
import type { Services } from "../services.ts";
import { type Actor, authorizeOwn } from "../access/policy.ts";
import { invalid } from "../errors.ts";
import { parseQuery } from "../http/query.ts";
import { isContextId, isStatus } from "../contexts/contexts.ts";
import { findContextSummaries } from "../contexts/summaries.ts";
import type { ContextSummary } from "../contexts/contexts.ts";
import { checkLogFilter, type LogFilter, logQueryParams } from "./filter.ts";
import { type Preset, PRESETS } from "./viewer.ts";
import { type ContextScope, ownerLineContext, searchLogs, type SearchPage } from "./search.ts";

/** Lines a page of /logs shows. */
export const PAGE_LINES = 100;

/** The context filters, beside the log filters. */
export const ContextParams = z.object({
  context: z.string().refine(isContextId, "must be a context id (a UUID)").optional(),
  status: z.string().refine(isStatus, "must be one of: starting, running, stopped, failed")
    .optional(),
  package: z.string().max(128, "must be at most 128 characters").optional(),
});

/** GET /v1/logs's parameters (no after_id: the search reads newest first only). */
export function searchParams(options: { localTimes?: boolean } = {}) {
  return logQueryParams(options).omit({ after_id: true }).extend(ContextParams.shape);
}

const PRESET_KEYS = Object.keys(PRESETS) as [Preset, ...Preset[]];
/** The /logs page's: zone-less times are UTC, and a time preset (as the viewer's). */
const PageParams = searchParams({ localTimes: true }).extend({
  range: z.enum(PRESET_KEYS, `must be one of: ${PRESET_KEYS.join(", ")}`).optional(),
});

export interface SearchRequest {
  filter: LogFilter;
  scope: ContextScope;
  /** The page's time preset, when it set `from`. */
  preset: Preset | null;
}

/** Parses a search URL (400 naming the parameter); `page` for the /logs page's. */
export function parseSearch(
  url: URL,
  ownerId: string,
  options: { now: Date; retentionDays: number; page?: boolean },
): SearchRequest {
  const p = options.page ? parseQuery(url, PageParams) : parseQuery(url, searchParams());
  const filter = checkLogFilter(p, {
    ...options,
    defaultLimit: options.page ? PAGE_LINES : undefined,
  });
  const range = "range" in p ? p.range as Preset | undefined : undefined;
  const preset = range && !p.from && !p.to ? range : null;
  if (preset) filter.from = new Date(options.now.getTime() - PRESETS[preset].ms);
  return {
    filter,
    preset,
    scope: {
      ownerId,
      contextId: p.context?.toLowerCase() ?? null,
      status: p.status && isStatus(p.status) ? p.status : null,
      packageName: p.package ?? null,
    },
  };
}

export interface SearchResult extends SearchPage {
  /** The contexts the lines belong to, by id. */
  contexts: Map<string, ContextSummary>;
}

/** One page of the actor's own lines across their contexts, for a search URL (context.read). */
export async function searchOwnLogs(
  s: Services,
  actor: Actor,
  input: { url: URL; page?: boolean },
): Promise<SearchResult & SearchRequest> {
  const user = authorizeOwn(actor, "context.read");
  const request = parseSearch(input.url, user.ownerId, {
    now: s.clock(),
    retentionDays: s.config.logRetentionDays,
    page: input.page,
  });
  const { filter, scope } = request;
  // A cursor is a line of one of the owner's contexts, or it is refused (docs/security.md L4).
  if (filter.beforeId !== null && !await ownerLineContext(s.db, user.ownerId, filter.beforeId)) {
    throw invalid(
      "before_id",
      `before_id ${filter.beforeId} is not a log line of your contexts (it may have passed the retention period)`,
    );
  }
  const page = await searchLogs(s.db, scope, filter);
  const ids = [...new Set(page.lines.map((l) => l.contextId))];
  const contexts = await findContextSummaries(s.db, user.ownerId, ids);
  return { ...page, contexts, ...request };
}
