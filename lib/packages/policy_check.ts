// Checking a published version against a capability policy (spec/policy/policy.schema.json):
// the verifier's parser and matching (lib/verifier/policy.ts), so the version page, the API and
// POST /v1/verify/manifest give one answer. Nothing is stored.
import { z } from "zod";
import { isAllowed, parsePolicy } from "../verifier/policy.ts";
import { capabilitiesOf } from "./capability_diff.ts";
import type { PackageVersion } from "./versions.ts";
import { DomainError } from "../errors.ts";

/** The policy as sent: a JSON object, or its YAML (or JSON) text. */
export const PolicyCheckBody = z.strictObject({
  policy: z.union([z.record(z.string(), z.unknown()), z.string().max(64 * 1024)], {
    error: "must be the policy: a JSON object, or its YAML or JSON text",
  }),
});

export interface PolicyResult {
  /** Every capability within the ceiling and at least one verified signer trusted. */
  allowed: boolean;
  capabilities: { kind: string; value: string; allowed: boolean }[];
  signers: { signer: string; trusted: boolean }[];
  /** At least one verified signer is among the policy's trusted_signers. */
  trusted_signer: boolean;
}

/** Evaluates a version's capabilities and signers against a policy; throws "invalid policy: ...". */
export function checkPolicy(version: PackageVersion, policyInput: unknown): PolicyResult {
  const policy = parsePolicy(policyInput);
  const capabilities = capabilitiesOf(version.manifest).map((c) => ({
    ...c,
    allowed: isAllowed(c, policy.capability_ceiling),
  }));
  const signers = version.signers.filter((s) => s.verified === true).map((s) => ({
    signer: String(s.signer),
    trusted: policy.trusted_signers.includes(String(s.signer)),
  }));
  const trusted = signers.some((s) => s.trusted);
  return {
    allowed: trusted && capabilities.every((c) => c.allowed),
    capabilities,
    signers,
    trusted_signer: trusted,
  };
}

export const PolicyResultJson = z.object({
  package: z.string(),
  version: z.string(),
  allowed: z.boolean(),
  capabilities: z.array(z.object({ kind: z.string(), value: z.string(), allowed: z.boolean() })),
  signers: z.array(z.object({ signer: z.string(), trusted: z.boolean() })),
  trusted_signer: z.boolean(),
}).meta({ id: "PolicyCheck" });

/** The policy form's state: the text as typed, and the verdict or why it could not be read. */
export interface PolicyState {
  text: string;
  result: PolicyResult | null;
  error: string | null;
}

/** The version page's form: the verdict for the pasted text, or the reason it was refused. */
export function checkPolicyText(version: PackageVersion, text: string): PolicyState {
  if (text.trim() === "") {
    return {
      text,
      result: null,
      error: "Paste a policy: YAML or JSON with version, trusted_signers and capability_ceiling",
    };
  }
  try {
    return { text, result: checkPolicy(version, text), error: null };
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    return { text, result: null, error: error.message };
  }
}
