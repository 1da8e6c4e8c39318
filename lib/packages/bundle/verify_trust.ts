import { encodeBase64 } from "@oslojs/encoding";
import { sha256Digest } from "../../artifacts/digest.ts";
import { BundleError } from "./errors.ts";
import { manifestName } from "./schemas.ts";
import { parsePublicKeys, verifySignatures } from "./signing.ts";
import { parseStrictJson } from "./strict_json.ts";
import { assertPackageName, assertVersion, versionKey } from "./version.ts";
import type { StepState } from "./verify_steps.ts";
import { checkPinnedKeys, type PinnedKey } from "./keys.ts";

/** Step 7: public-keys.json holds base64 of exactly 32 bytes per signer; its raw bytes are digested. */
export async function checkPublicKeys(state: StepState): Promise<string> {
  const bytes = state.files.get("public-keys.json")!;
  const document = parseStrictJson(bytes, { file: "public-keys.json", step: 7 });
  state.keys = await parsePublicKeys(document);
  state.keysDigest = await sha256Digest(bytes);
  const count = state.keys.size;
  return `${count} public key${count === 1 ? "" : "s"}, keys digest ${state.keysDigest}`;
}

/** Step 8: a non-empty set of Ed25519 signatures over the manifest hash, all of which verify. */
export async function checkSignatures(state: StepState): Promise<string> {
  await verifySignatures(state.signatures!, {
    keys: state.keys!,
    manifestHash: state.manifestHash!,
    results: state.signers,
  });
  const count = state.signers.length;
  return `${count} of ${count} signature${count === 1 ? "" : "s"} verified`;
}

/** How step 9 learns about the registry. */
export interface RegistryContext {
  packageName?: string;
  publishedVersions?: (versionKey: string) => boolean | Promise<boolean>;
  /** The package's pinned keys (docs/adr/0011); absent when no package is involved. */
  pinnedKeys?: () => Promise<readonly PinnedKey[]>;
}

/**
 * Step 9: every signature's signer is listed in manifest.signers; the name matches the package;
 * the version is semver 2.0 and its key (build metadata dropped) is not yet published; at least
 * one active pinned key of the package signed it.
 */
export async function checkRegistryRules(
  state: StepState,
  registry: RegistryContext,
): Promise<string> {
  const manifest = state.parsed!.manifest;
  for (const [index, entry] of state.signatures!.signatures.entries()) {
    if (manifest.signers.includes(entry.signer)) continue;
    const listed = manifest.signers.map((signer) => JSON.stringify(signer)).join(", ") || "none";
    throw new BundleError(
      "signer_not_listed",
      `signatures[${index}] is by ${JSON.stringify(entry.signer)}, who is not listed in the ` +
        `manifest's signers (${listed})`,
      { step: 9, file: "manifest.json", field: "signers", expected: listed, found: entry.signer },
    );
  }
  const name = manifestName(state.parsed!);
  const field = state.parsed!.schemaVersion === "0" || manifest.name !== undefined ? "name" : "id";
  if (registry.packageName !== undefined && name !== registry.packageName) {
    throw new BundleError(
      "name_mismatch",
      `manifest ${field} ${JSON.stringify(name)} must match the package name ` +
        JSON.stringify(registry.packageName),
      { step: 9, file: "manifest.json", field, expected: registry.packageName, found: name },
    );
  }
  assertPackageName(name);
  assertVersion(manifest.version);
  const key = versionKey(manifest.version);
  state.versionKey = key;
  if (registry.publishedVersions !== undefined && await registry.publishedVersions(key)) {
    const same = key === manifest.version ? "" : ` (build metadata does not make a new version)`;
    throw new BundleError(
      "version_published",
      `version ${key} of ${name} is already published${same}; versions are immutable, so ` +
        "publish a new version number",
      {
        step: 9,
        file: "manifest.json",
        field: "version",
        expected: "an unpublished version",
        found: manifest.version,
      },
    );
  }
  if (registry.pinnedKeys !== undefined) {
    const raw = (signer: string) => state.keys?.get(signer)?.raw;
    state.keyCheck = checkPinnedKeys(name, state.signers, await registry.pinnedKeys(), (s) => {
      const key = raw(s);
      return key ? encodeBase64(key) : null;
    });
    return `${name} ${manifest.version}: signers listed, name matches, version not yet ` +
      `published, ${KEY_DETAIL[state.keyCheck.outcome]}`;
  }
  return `${name} ${manifest.version}: signers listed, name matches, version not yet published`;
}

const KEY_DETAIL = {
  first_publish: "signer keys pinned by this first publish",
  pinned: "signed by pinned keys",
  rotation: "signed by a pinned key, new keys pinned by rotation",
} as const;
