// Cloud contexts that run skills, their log lines, receipts and per-minute log counts.
import { sql } from "drizzle-orm";
import {
  check,
  index,
  integer,
  primaryKey,
  sqliteTable,
  text,
  uniqueIndex,
} from "drizzle-orm/sqlite-core";
import { timestamp } from "./columns.ts";
import { owners } from "./accounts.ts";
import { packageVersions } from "./packages.ts";

/** Runtime instances that run skills, as runtimes report them. */
export const contexts = sqliteTable("contexts", {
  id: text("id").primaryKey(),
  ownerId: text("owner_id").notNull().references(() => owners.id, { onDelete: "cascade" }),
  packageVersionId: text("package_version_id").references(() => packageVersions.id, {
    onDelete: "set null",
  }),
  status: text("status", { enum: ["starting", "running", "stopped", "failed"] }).notNull(),
  region: text("region").notNull(),
  startedAt: timestamp("started_at").notNull(),
  endedAt: timestamp("ended_at"),
  /** Newest log line or status change; started_at until then. */
  lastActivityAt: timestamp("last_activity_at").notNull(),
  /** What people call it (optional, not unique): "checkout-eu", "api/7f3a". */
  name: text("name"),
  /** `key=value` labels as a JSON object of strings (lib/contexts/details.ts bounds them). */
  labels: text("labels_json", { mode: "json" }).$type<Record<string, string>>(),
  runtimeName: text("runtime_name"),
  runtimeVersion: text("runtime_version"),
  host: text("host"),
  /**
   * The OpenTelemetry resource a context was registered for (service.name and
   * service.instance.id), so later exports from it find the same context; unique per owner
   * so that two concurrent first exports register one.
   */
  otelResource: text("otel_resource"),
  /** The capability policy (spec/policy/policy.schema.json) its runs are checked against. */
  capabilityPolicy: text("capability_policy_json", { mode: "json" }).$type<
    Record<string, unknown>
  >(),
}, (t) => [
  index("contexts_owner_started").on(t.ownerId, t.startedAt),
  uniqueIndex("contexts_owner_otel_resource").on(t.ownerId, t.otelResource),
  check("contexts_status", sql`${t.status} IN ('starting', 'running', 'stopped', 'failed')`),
]);

/** Log lines; `id` only grows (AUTOINCREMENT), so it is the keyset cursor and SSE event id. */
export const contextLogs = sqliteTable("context_logs", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  contextId: text("context_id").notNull().references(() => contexts.id, { onDelete: "cascade" }),
  ts: timestamp("ts").notNull(),
  /** 0 debug, 1 info, 2 warn, 3 error: an integer so min_severity is a range. */
  level: integer("level").notNull(),
  message: text("message").notNull(),
  metadata: text("metadata_json", { mode: "json" }).$type<Record<string, unknown>>(),
}, (t) => [
  index("context_logs_context_id").on(t.contextId, t.id),
  index("context_logs_context_ts").on(t.contextId, t.ts),
  index("context_logs_context_level").on(t.contextId, t.level, t.id),
  check("context_logs_level", sql`${t.level} BETWEEN 0 AND 3`),
]);

/**
 * Execution receipts a context's runtime reported (spec/execution-receipt*.schema.json), each
 * verified before it is stored; `id` only grows, so it is the keyset cursor.
 */
export const contextReceipts = sqliteTable("context_receipts", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  contextId: text("context_id").notNull().references(() => contexts.id, { onDelete: "cascade" }),
  receiptHash: text("receipt_hash").notNull(),
  /** "0" or "1.0.0-draft". */
  schemaVersion: text("schema_version").notNull(),
  artifact: text("artifact").notNull(),
  /** The owner's version whose artifact digest the receipt names, when there is one. */
  packageVersionId: text("package_version_id").references(() => packageVersions.id, {
    onDelete: "set null",
  }),
  capsUsed: text("caps_used_json", { mode: "json" }).$type<string[]>().notNull(),
  /** When the run happened in Unix seconds, as the runtime says (timestamp; v1: finished_at). */
  ranAt: integer("ran_at").notNull(),
  receivedAt: timestamp("received_at").notNull(),
  receipt: text("receipt_json", { mode: "json" }).$type<Record<string, unknown>>().notNull(),
}, (t) => [
  uniqueIndex("context_receipts_hash").on(t.contextId, t.receiptHash),
  index("context_receipts_context_id").on(t.contextId, t.id),
]);

/**
 * Lines per context, UTC minute (by each line's own `ts`) and level, kept by the same batch
 * that writes the lines: the log viewer's histogram reads these instead of counting lines.
 */
export const contextLogCounts = sqliteTable("context_log_counts", {
  contextId: text("context_id").notNull().references(() => contexts.id, { onDelete: "cascade" }),
  /** The minute's start, in milliseconds since the epoch. */
  minute: integer("minute").notNull(),
  level: integer("level").notNull(),
  lines: integer("lines").notNull(),
}, (t) => [primaryKey({ columns: [t.contextId, t.minute, t.level] })]);
