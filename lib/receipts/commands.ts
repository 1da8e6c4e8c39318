// Execution receipts in contexts: a runtime reports each run it made, the control plane checks
// it with the verifier (lib/verifier/receipt.ts: schema and receipt hash, one implementation),
// links it to the owner's version whose artifact it names, and stores it once per hash.
import { z } from "zod";
import type { Services } from "../services.ts";
import type { Actor } from "../access/policy.ts";
import { DomainError, type FieldIssue, invalid } from "../errors.ts";
import { intParam } from "../http/query.ts";
import { verifyReceipt } from "../verifier/receipt.ts";
import { contextFor } from "../contexts/commands.ts";
import {
  insertReceipts,
  isReceiptOf,
  listReceipts,
  type NewReceipt,
  receiptsByHash,
  type StoredReceipt,
} from "./store.ts";

/** Receipts in one request; a runtime with more sends several batches. */
export const MAX_RECEIPT_BATCH = 100;
export const MAX_RECEIPT_CURSOR = 9_999_999_999;

export type ReceiptOutcome =
  | { index: number; status: "accepted" | "duplicate"; receipt: StoredReceipt }
  | { index: number; status: "refused"; error: string; issues: FieldIssue[] };

/** A receipt verified by the verifier, as a row to store; DomainError "invalid" when it is not. */
async function checkReceipt(value: unknown): Promise<NewReceipt> {
  const verified = await verifyReceipt(value);
  // verifyReceipt parsed it strictly, so these fields are there and well formed.
  const r = value as Record<string, unknown>;
  return {
    receiptHash: verified.receipt_hash,
    schemaVersion: verified.schema_version,
    artifact: verified.artifact,
    capsUsed: r.caps_used as string[],
    ranAt: (verified.schema_version === "0" ? r.timestamp : r.finished_at) as number,
    receipt: r,
  };
}

/**
 * Verifies and stores receipts for a context: each one accepted (stored now), duplicate
 * (already stored: the same receipt hash) or refused with the verifier's reason. Storing is
 * idempotent, so a runtime may resend a batch after a timeout.
 */
export async function recordReceipts(
  s: Services,
  actor: Actor,
  input: { id: string; receipts: unknown[] },
): Promise<ReceiptOutcome[]> {
  const context = await contextFor(s, actor, "context.write", input.id);
  if (input.receipts.length === 0) {
    throw invalid("receipts", "send at least one receipt");
  }
  if (input.receipts.length > MAX_RECEIPT_BATCH) {
    throw new DomainError(
      "too_large",
      `a batch holds at most ${MAX_RECEIPT_BATCH} receipts; this one has ` +
        `${input.receipts.length}: send them in several requests`,
    );
  }
  const checked = await Promise.all(input.receipts.map(async (value) => {
    try {
      return await checkReceipt(value);
    } catch (error) {
      if (error instanceof DomainError) return error;
      throw error;
    }
  }));
  const valid = checked.filter((c): c is NewReceipt => !(c instanceof DomainError));
  // The first of two equal receipts in a batch is stored; the second is its duplicate.
  const unique = [...new Map(valid.map((r) => [r.receiptHash, r])).values()];
  const fresh = await insertReceipts(s.db, context.id, unique, s.clock());
  const stored = await receiptsByHash(s.db, context.id, unique.map((r) => r.receiptHash));
  const claimed = new Set<string>();
  return checked.map((c, index): ReceiptOutcome => {
    if (c instanceof DomainError) {
      return { index, status: "refused", error: c.message, issues: c.issues };
    }
    const isNew = fresh.has(c.receiptHash) && !claimed.has(c.receiptHash);
    claimed.add(c.receiptHash);
    return { index, status: isNew ? "accepted" : "duplicate", receipt: stored.get(c.receiptHash)! };
  });
}

export const ReceiptListQuery = z.strictObject({
  before_id: intParam(1, MAX_RECEIPT_CURSOR).optional(),
  limit: intParam(1, 200).optional(),
});

/** A page of a context's receipts, newest first; a cursor must be one of its receipts. */
export async function listContextReceipts(
  s: Services,
  actor: Actor,
  input: { id: string; beforeId?: number; limit: number },
) {
  const context = await contextFor(s, actor, "context.read", input.id);
  if (input.beforeId !== undefined && !await isReceiptOf(s.db, context.id, input.beforeId)) {
    throw invalid(
      "before_id",
      `before_id ${input.beforeId} is not a receipt of this context: use next_before_id ` +
        "from the previous page",
    );
  }
  const page = await listReceipts(s.db, context.id, input);
  return { context, ...page };
}
