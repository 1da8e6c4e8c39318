// How receipts look in the /v1 API: the receipt as the runtime sent it, what the control plane
// linked it to, and which capabilities it used beyond its version's manifest or the context's
// policy (null when there was nothing to compare with).
import { z } from "zod";
import type { Policy } from "../verifier/policy.ts";
import { flagCapabilities, manifestCapabilities } from "./flags.ts";
import type { StoredReceipt } from "./store.ts";

const time = z.string().meta({ format: "date-time" });

export const ReceiptJson = z.object({
  id: z.number().int(),
  receipt_hash: z.string(),
  schema_version: z.enum(["0", "1.0.0-draft"]),
  artifact: z.string(),
  package: z.string().nullable(),
  version: z.string().nullable(),
  caps_used: z.array(z.string()),
  undeclared_capabilities: z.array(z.string()).nullable()
    .describe("caps_used entries the version's manifest does not declare; null: version unknown"),
  denied_capabilities: z.array(z.string()).nullable()
    .describe("caps_used entries the context's policy does not allow; null: no policy"),
  ran_at: time.nullable().describe("timestamp (v1: finished_at) as a time"),
  received_at: time,
  receipt: z.record(z.string(), z.unknown()),
}).strict().meta({ id: "ExecutionReceipt" });

/** Seconds since the epoch as RFC 3339, or null beyond what a date can hold. */
export function secondsToTime(seconds: number): string | null {
  const date = new Date(seconds * 1000);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

export function receiptJson(r: StoredReceipt, policy: Policy | null): z.infer<typeof ReceiptJson> {
  const flags = flagCapabilities(r.capsUsed, manifestCapabilities(r.manifest), policy);
  const known = r.packageName !== null;
  return {
    id: r.id,
    receipt_hash: r.receiptHash,
    schema_version: r.schemaVersion as "0" | "1.0.0-draft",
    artifact: r.artifact,
    package: r.packageName,
    version: r.packageVersion,
    caps_used: r.capsUsed,
    undeclared_capabilities: known ? flags.filter((f) => f.undeclared).map((f) => f.text) : null,
    denied_capabilities: policy ? flags.filter((f) => f.denied).map((f) => f.text) : null,
    ran_at: secondsToTime(r.ranAt),
    received_at: r.receivedAt.toISOString(),
    receipt: r.receipt,
  };
}
