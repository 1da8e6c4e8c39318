// Pinned signer keys in the /v1 API (docs/adr/0011): the zod schema describes the answer and
// types the serializer, as lib/packages/json.ts does for packages and versions.
import { z } from "zod";
import type { SignerKey } from "./signer_keys.ts";
import { keyHistory } from "./trust.ts";

const time = z.string().meta({ format: "date-time" });

export const SignerKeyJson = z.object({
  signer: z.string(),
  algorithm: z.string(),
  fingerprint: z.string().describe("sha256 of the raw 32-byte Ed25519 public key"),
  public_key: z.string().nullable().describe("base64, as in public-keys.json; null if unknown"),
  status: z.enum(["active", "retired"]),
  added_via: z.enum(["first_publish", "rotation", "settings", "history"]),
  added_in_version: z.string().nullable(),
  added_at: time,
  retired_at: time.nullable(),
  history: z.string().describe('In words, such as "added in 1.3.0 by rotation"'),
}).strict().meta({ id: "SignerKey" });

export const SignerKeysJson = z.object({ package: z.string(), keys: z.array(SignerKeyJson) });

export function signerKeyJson(k: SignerKey): z.infer<typeof SignerKeyJson> {
  return {
    signer: k.signer,
    algorithm: k.algorithm,
    fingerprint: k.fingerprint,
    public_key: k.publicKey,
    status: k.status,
    added_via: k.addedVia,
    added_in_version: k.addedInVersion,
    added_at: k.addedAt.toISOString(),
    retired_at: k.retiredAt?.toISOString() ?? null,
    history: keyHistory(k),
  };
}

export function signerKeysJson(pkg: { name: string }, keys: SignerKey[]) {
  return { package: pkg.name, keys: keys.map(signerKeyJson) };
}
