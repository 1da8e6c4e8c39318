// The embedded store: lines in libSQL next to everything else (context_logs, its FTS5 index,
// the per-minute counts and the field index). The functions are the ones lib/logs always had.
import type { Db } from "../db/client.ts";
import { appendLibsql } from "./append.ts";
import { libsqlBars, libsqlExtent } from "./histogram.ts";
import { isLineOfLibsql, readLibsql } from "./read.ts";
import { purgeLibsql } from "./retention.ts";
import type { LogStore } from "./store.ts";
import { newestLineIdLibsql } from "./tail.ts";

const COUNT_PAGE = 1000;

export function libsqlLogStore(db: Db): LogStore {
  return {
    kind: "libsql",
    append: (contextId, lines, now) => appendLibsql(db, contextId, lines, now),
    read: (contextId, filter, options) => readLibsql(db, contextId, filter, options),
    async count(contextId, filter, max) {
      // Page by page, through the same indexes as a read: bounded by `max`.
      let n = 0;
      let beforeId: number | null = null;
      while (n < max) {
        const page = await readLibsql(db, contextId, {
          ...filter,
          beforeId,
          afterId: null,
          limit: Math.min(COUNT_PAGE, max - n),
        }, { direction: "desc" });
        n += page.lines.length;
        if (!page.more || page.resumeId === null) break;
        beforeId = page.resumeId;
      }
      return n;
    },
    histogram: (contextId, query, filter) => libsqlBars(db, contextId, query, filter),
    extent: (contextId) => libsqlExtent(db, contextId),
    isLineOf: (contextId, id) => isLineOfLibsql(db, contextId, id),
    newestId: (contextId) => newestLineIdLibsql(db, contextId),
    purgeBefore: (cutoff, options) => purgeLibsql(db, cutoff, options),
    close: () => Promise.resolve(),
  };
}
