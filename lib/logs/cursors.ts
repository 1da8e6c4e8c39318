// Log cursors are line ids: `before_id`, `after_id`, the viewer's `line` and the live tail's
// Last-Event-ID. They are plain integers because the existing API's clients send them back
// as integers (next_before_id); what protects them is that every read is confined to the
// context the caller owns, and that a cursor which is not a line of that context (tampered,
// made up, or taken from another context) is refused with 400 before anything is read. No
// secret is needed, and a permalink keeps working across restarts and instances.
import type { Db } from "../db/client.ts";
import { invalid } from "../errors.ts";
import { isLineOf } from "./read.ts";

/** 400 unless every given cursor is a line of the context. */
export async function requireCursors(
  db: Db,
  contextId: string,
  cursors: Record<string, number | null | undefined>,
): Promise<void> {
  for (const [name, id] of Object.entries(cursors)) {
    if (id === null || id === undefined) continue;
    if (!await isLineOf(db, contextId, id)) {
      throw invalid(
        name,
        `${name} ${id} is not a log line of this context (it may have passed the retention period)`,
      );
    }
  }
}
