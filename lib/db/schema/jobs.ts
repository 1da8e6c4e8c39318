// Work one instance at a time should do.
import { integer, sqliteTable, text } from "drizzle-orm/sqlite-core";

/**
 * Leases for work one instance at a time should do (the alert evaluator): a holder keeps the
 * row by renewing it before `expires_at`; anyone may take it once it has expired.
 */
export const jobLeases = sqliteTable("job_leases", {
  name: text("name").primaryKey(),
  holder: text("holder").notNull(),
  expiresAt: integer("expires_at").notNull(),
});
