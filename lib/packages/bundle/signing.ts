import { decodeBase64, encodeBase64 } from "@oslojs/encoding";
import { sha256Digest } from "../../artifacts/digest.ts";
import { BundleError, describeValue } from "./errors.ts";
import type { Signatures } from "./schemas.ts";
import { publicKeysSchema } from "./schemas.ts";
import { parseWithSchema } from "./schema_errors.ts";

/** A signer's public key from public-keys.json, imported for verification. */
export interface PublicKey {
  signer: string;
  raw: Uint8Array;
  key: CryptoKey;
  /** sha256 of the raw 32 key bytes, to show which key verified. */
  digest: string;
}

/** The outcome of one entry of signatures.json. */
export interface SignerResult {
  signer: string;
  algorithm: string;
  keyDigest: string | null;
  verified: boolean;
  /** Why it did not verify; null when it did. */
  problem: string | null;
}

/** Step 7: parses public-keys.json (already strict-JSON parsed) into imported Ed25519 keys. */
export async function parsePublicKeys(value: unknown): Promise<Map<string, PublicKey>> {
  const target = { file: "public-keys.json", step: 7, code: "public_keys_invalid" } as const;
  const document = parseWithSchema(publicKeysSchema, value, target);
  const keys = new Map<string, PublicKey>();
  for (const [signer, encoded] of Object.entries(document)) {
    const raw = decodeStrictBase64(encoded);
    if (raw === null || raw.length !== 32) {
      const found = raw === null
        ? `not canonical base64: ${describeValue(encoded)}`
        : `${raw.length} bytes`;
      throw new BundleError(
        "public_key_invalid",
        `public-keys.json: the key of ${JSON.stringify(signer)} must be base64 of a raw 32-byte ` +
          `Ed25519 public key; found ${found}`,
        { step: 7, file: "public-keys.json", field: signer, expected: "base64 of 32 bytes", found },
      );
    }
    const key = await importVerifyKey(raw);
    keys.set(signer, { signer, raw, key, digest: await sha256Digest(raw) });
  }
  return keys;
}

/**
 * Step 8: checks every entry of signatures.json. All entries must verify, not just one, so every
 * entry is checked and reported; the first failure is thrown after the report is filled in.
 */
export async function verifySignatures(
  signatures: Signatures,
  options: { keys: ReadonlyMap<string, PublicKey>; manifestHash: string; results: SignerResult[] },
): Promise<void> {
  const { keys, manifestHash, results } = options;
  if (signatures.signatures.length === 0) {
    throw new BundleError(
      "signatures_empty",
      "signatures.json has no signatures; at least one Ed25519 signature is required",
      {
        step: 8,
        file: "signatures.json",
        field: "signatures",
        expected: "at least one",
        found: "none",
      },
    );
  }
  const message = new TextEncoder().encode(manifestHash);
  const seen = new Set<string>();
  let firstError: BundleError | null = null;
  for (const [index, entry] of signatures.signatures.entries()) {
    const key = keys.get(entry.signer) ?? null;
    const error = await checkEntry(entry, { index, key, message, seen });
    seen.add(entry.signer);
    results.push({
      signer: entry.signer,
      algorithm: entry.algorithm,
      keyDigest: key?.digest ?? null,
      verified: error === null,
      problem: error?.message ?? null,
    });
    firstError ??= error;
  }
  if (firstError !== null) throw firstError;
}

async function checkEntry(
  entry: Signatures["signatures"][number],
  context: { index: number; key: PublicKey | null; message: Uint8Array; seen: Set<string> },
): Promise<BundleError | null> {
  const { index, key, message, seen } = context;
  const signer = JSON.stringify(entry.signer);
  const at = { step: 8, file: "signatures.json" };
  // The schema already pins the algorithm; this guards the rule of step 8 if the schema widens.
  if (entry.algorithm !== "ed25519") {
    const algorithm = describeValue(entry.algorithm);
    return new BundleError(
      "signature_algorithm_unsupported",
      `signatures[${index}] of ${signer} uses ${algorithm}; only ed25519 is allowed`,
      {
        ...at,
        field: `signatures[${index}].algorithm`,
        expected: "ed25519",
        found: entry.algorithm,
      },
    );
  }
  if (seen.has(entry.signer)) {
    return new BundleError(
      "signature_duplicate_signer",
      `signatures[${index}] repeats the signer ${signer}; each signer may sign once`,
      {
        ...at,
        field: `signatures[${index}].signer`,
        expected: "a signer not yet listed",
        found: entry.signer,
      },
    );
  }
  if (key === null) {
    return new BundleError(
      "signer_unknown",
      `signatures[${index}] is by ${signer}, which has no key in public-keys.json`,
      {
        ...at,
        field: `signatures[${index}].signer`,
        expected: "a signer of public-keys.json",
        found: entry.signer,
      },
    );
  }
  const signature = decodeStrictBase64(entry.signature);
  if (signature === null || signature.length !== 64) {
    const found = signature === null
      ? "text that is not canonical base64"
      : `${signature.length} bytes`;
    return new BundleError(
      "signature_malformed",
      `signatures[${index}] of ${signer} must be base64 of a 64-byte Ed25519 signature; found ${found}`,
      { ...at, field: `signatures[${index}].signature`, expected: "base64 of 64 bytes", found },
    );
  }
  const valid = await crypto.subtle.verify(
    "Ed25519",
    key.key,
    signature as Uint8Array<ArrayBuffer>,
    message as Uint8Array<ArrayBuffer>,
  );
  if (valid) return null;
  return new BundleError(
    "signature_invalid",
    `signatures[${index}] of ${signer} does not verify against the manifest hash with the key ` +
      `${key.digest} from public-keys.json`,
    {
      ...at,
      field: `signatures[${index}].signature`,
      expected: "a valid Ed25519 signature",
      found: "one that does not verify",
    },
  );
}

function importVerifyKey(raw: Uint8Array): Promise<CryptoKey> {
  const algorithm = { name: "Ed25519" };
  return crypto.subtle.importKey("raw", raw as Uint8Array<ArrayBuffer>, algorithm, false, [
    "verify",
  ]);
}

/** Decodes padded standard base64, or null; non-canonical spellings of the same bytes are refused. */
export function decodeStrictBase64(text: string): Uint8Array | null {
  try {
    const bytes = decodeBase64(text);
    return encodeBase64(bytes) === text ? bytes : null;
  } catch {
    return null;
  }
}

/** Signs the UTF-8 bytes of a manifest hash string with an Ed25519 private key; base64 result. */
export async function signManifestHash(
  manifestHash: string,
  privateKey: CryptoKey,
): Promise<string> {
  const message = new TextEncoder().encode(manifestHash);
  return encodeBase64(new Uint8Array(await crypto.subtle.sign("Ed25519", privateKey, message)));
}
