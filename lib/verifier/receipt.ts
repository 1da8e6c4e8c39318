// Execution receipts (spec/execution-receipt*.schema.json): parsed strictly and their
// receipt_hash recomputed (spec/hashing.md), for POST /v1/verify/receipt. Every failure is a
// DomainError "invalid" worded as the inactu control API words it (docs/compat section 4.3).
import { z } from "zod";
import { DomainError } from "../errors.ts";
import { canonicalJson, sha256DigestOfText } from "../packages/bundle/digest.ts";
import {
  digest,
  expecting,
  nonEmptyText,
  parseDocument,
  record,
  textList,
  unixSeconds,
} from "./fields.ts";

export const RECEIPT_V1_DRAFT = "1.0.0-draft";

/** spec/execution-receipt.schema.json. */
export const ReceiptV0 = record({
  artifact: digest,
  inputs_hash: digest,
  outputs_hash: digest,
  caps_used: textList,
  timestamp: unixSeconds,
  receipt_hash: digest,
});

/** spec/execution-receipt.v1.experimental.schema.json. */
export const ReceiptV1Draft = record({
  schema_version: z.literal(RECEIPT_V1_DRAFT, expecting(`"${RECEIPT_V1_DRAFT}"`)),
  artifact: digest,
  manifest_hash: digest,
  policy_hash: digest,
  bundle_hash: digest,
  inputs_hash: digest,
  outputs_hash: digest,
  runtime_version_digest: digest,
  result_digest: digest,
  caps_requested: textList,
  caps_granted: textList,
  caps_used: textList,
  result: record({
    status: z.enum(["success", "failure"], expecting('"success" or "failure"')),
    code: nonEmptyText,
    message: z.string(expecting("a string")).optional(),
  }),
  runtime: record({ name: nonEmptyText, version: nonEmptyText, profile: nonEmptyText.optional() }),
  started_at: unixSeconds,
  finished_at: unixSeconds,
  timestamp_strategy: z.literal(
    "local_untrusted_unix_seconds",
    expecting('"local_untrusted_unix_seconds"'),
  ),
  attestations: z.array(record({ type: nonEmptyText, value: nonEmptyText }), expecting("an array"))
    .optional(),
  receipt_hash: digest,
}).refine((r) => r.finished_at >= r.started_at, {
  error: "finished_at must not be before started_at",
  path: ["finished_at"],
});

export type ReceiptV0 = z.infer<typeof ReceiptV0>;
export type ReceiptV1Draft = z.infer<typeof ReceiptV1Draft>;

/** The answer of POST /v1/verify/receipt; `valid` is always true (a failure is a 400). */
export interface ReceiptVerification {
  schema_version: "0" | typeof RECEIPT_V1_DRAFT;
  artifact: string;
  receipt_hash: string;
  valid: true;
}

/** v0: sha256 of JCS({artifact, inputs_hash, outputs_hash, caps_used, timestamp}). */
export function receiptHashV0(r: Omit<ReceiptV0, "receipt_hash">): Promise<string> {
  const { artifact, inputs_hash, outputs_hash, caps_used, timestamp } = r;
  return sha256DigestOfText(
    canonicalJson({ artifact, inputs_hash, outputs_hash, caps_used, timestamp }),
  );
}

/**
 * v1 draft: sha256 of JCS(every field but receipt_hash). Absent attestations hash as
 * `"attestations": null`, as the reference verifier (provenact-cli core/verifier,
 * compute_receipt_v1_draft_hash) and so every runtime built on it computes them.
 */
export function receiptHashV1Draft(r: Omit<ReceiptV1Draft, "receipt_hash">): Promise<string> {
  const { receipt_hash: _, ...payload } = r as ReceiptV1Draft;
  return sha256DigestOfText(canonicalJson({ ...payload, attestations: r.attestations ?? null }));
}

/** Parses a receipt as v0 or v1 draft (by its schema_version) and checks its receipt_hash. */
export async function verifyReceipt(receipt: unknown): Promise<ReceiptVerification> {
  const version = typeof receipt === "object" && receipt !== null && !Array.isArray(receipt)
    ? (receipt as Record<string, unknown>).schema_version
    : undefined;
  if (typeof version === "string" && version !== RECEIPT_V1_DRAFT) {
    throw new DomainError(
      "invalid",
      `invalid receipt: unsupported receipt schema version: ${version.slice(0, 40)} ` +
        `(send "${RECEIPT_V1_DRAFT}", or no schema_version for a v0 receipt)`,
      { issues: [{ field: "schema_version", message: "unsupported receipt schema version" }] },
    );
  }
  if (version === RECEIPT_V1_DRAFT) {
    const parsed = parseDocument(ReceiptV1Draft, receipt, "receipt");
    checkHash(parsed.receipt_hash, await receiptHashV1Draft(parsed));
    return answer(RECEIPT_V1_DRAFT, parsed);
  }
  const parsed = parseDocument(ReceiptV0, receipt, "receipt");
  checkHash(parsed.receipt_hash, await receiptHashV0(parsed));
  return answer("0", parsed);
}

function checkHash(claimed: string, actual: string): void {
  if (claimed === actual) return;
  throw new DomainError(
    "invalid",
    `receipt verification failed: digest mismatch: receipt_hash is ${claimed}, but the ` +
      `receipt hashes to ${actual}`,
    { issues: [{ field: "receipt_hash", message: "does not match the receipt" }] },
  );
}

function answer(
  schemaVersion: ReceiptVerification["schema_version"],
  r: { artifact: string; receipt_hash: string },
): ReceiptVerification {
  return {
    schema_version: schemaVersion,
    artifact: r.artifact,
    receipt_hash: r.receipt_hash,
    valid: true,
  };
}
