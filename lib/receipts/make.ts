// Making a v0 execution receipt as a runtime does (spec/execution-receipt.schema.json), with
// the verifier's own hashing (lib/verifier/receipt.ts), for the simulator and the tests.
import { sha256DigestOfText } from "../packages/bundle/digest.ts";
import { receiptHashV0, type ReceiptV0 } from "../verifier/receipt.ts";

/** A receipt of one run of `artifact` on `input` giving `output`, at `timestamp` (seconds). */
export async function makeReceipt(run: {
  artifact: string;
  input: string;
  output: string;
  capsUsed: string[];
  timestamp: number;
}): Promise<ReceiptV0> {
  const body = {
    artifact: run.artifact,
    inputs_hash: await sha256DigestOfText(run.input),
    outputs_hash: await sha256DigestOfText(run.output),
    caps_used: run.capsUsed,
    timestamp: run.timestamp,
  };
  return { ...body, receipt_hash: await receiptHashV0(body) };
}

/** What a simulated run of a skill used: its declared capabilities, now and then one more. */
export function simulatedCapsUsed(
  declared: readonly { kind: string; value: string }[],
  random = Math.random,
): string[] {
  const used = declared.filter(() => random() < 0.7).map((c) => `${c.kind}:${c.value}`);
  // About one run in twenty reaches for something its manifest never declared, so the Runs
  // tab has a flag to show.
  if (random() < 0.05) used.push("env:AWS_SECRET_ACCESS_KEY");
  return used;
}
