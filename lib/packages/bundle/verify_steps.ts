import type { KeyCheck } from "./keys.ts";
import { HashedBytes } from "../../artifacts/digest.ts";
import { manifestHash } from "./digest.ts";
import { BundleError } from "./errors.ts";
import { unpackedTooLarge } from "./decompress.ts";
import {
  assertBundleFileName,
  assertFileSize,
  type BundleFiles,
  type BundleLimits,
  REQUIRED_FILES,
} from "./limits.ts";
import {
  type BundleMeta,
  parseBundleMeta,
  type ParsedManifest,
  parseManifest,
  parseProvenance,
  parseSignatures,
  type Signatures,
} from "./schemas.ts";
import type { PublicKey, SignerResult } from "./signing.ts";
import { parseStrictJson } from "./strict_json.ts";

/** What the steps learn and later steps use; the report is built from it. */
export interface StepState {
  files: BundleFiles;
  limits: BundleLimits;
  requireWasm: boolean;
  experimentalManifests: boolean;
  rawManifest?: unknown;
  parsed?: ParsedManifest;
  signatures?: Signatures;
  bundleMeta?: BundleMeta;
  manifestHash?: string;
  artifactDigest?: string;
  artifact?: HashedBytes;
  keys?: Map<string, PublicKey>;
  keysDigest?: string;
  signers: SignerResult[];
  versionKey?: string;
  keyCheck?: KeyCheck;
}

/** Step 1: only allowed files, the required ones present, each and all within their caps. */
export function checkFiles(state: StepState): string {
  let total = 0;
  for (const [name, bytes] of state.files) {
    assertBundleFileName(name);
    assertFileSize(name, bytes.length, state.limits);
    total += bytes.length;
  }
  if (total > state.limits.maxUnpackedBytes) {
    throw unpackedTooLarge(state.limits.maxUnpackedBytes, "the bundle files add up");
  }
  const required = REQUIRED_FILES.filter((name) => name !== "skill.wasm" || state.requireWasm);
  for (const name of required) {
    if (state.files.has(name)) continue;
    throw new BundleError(
      "file_missing",
      `the bundle has no ${name}; a bundle needs ${required.join(", ")}`,
      {
        step: 1,
        file: name,
        expected: required.join(", "),
        found: [...state.files.keys()].join(", "),
      },
    );
  }
  return `${state.files.size} files, ${total} bytes in total`;
}

/** Step 2: strict parse of the manifest and signatures (and of the optional strict files). */
export function parseDocuments(state: StepState): string {
  const read = (file: string) => parseStrictJson(state.files.get(file)!, { file, step: 2 });
  state.rawManifest = read("manifest.json");
  state.parsed = parseManifest(state.rawManifest, { step: 2 });
  state.signatures = parseSignatures(read("signatures.json"), { step: 2 });
  const optional: string[] = [];
  if (state.files.has("provenance.json")) {
    parseProvenance(read("provenance.json"), { step: 2 });
    optional.push("provenance.json");
  }
  if (state.files.has("bundle-meta.json")) {
    state.bundleMeta = parseBundleMeta(read("bundle-meta.json"), { step: 2 });
    optional.push("bundle-meta.json");
  }
  const kind = state.parsed.schemaVersion === "0" ? "manifest v0" : "experimental manifest v1";
  const count = state.signatures.signatures.length;
  return [kind, `signatures.json with ${count} signature${count === 1 ? "" : "s"}`, ...optional]
    .join(", ");
}

/** Step 3: manifest.artifact == signatures.artifact (and bundle-meta.json's, when present). */
export function checkArtifactsAgree(state: StepState): string {
  const artifact = state.parsed!.manifest.artifact;
  assertSame(state.signatures!.artifact, artifact, {
    code: "signatures_artifact_mismatch",
    step: 3,
    file: "signatures.json",
    field: "artifact",
    what: "the artifact of manifest.json",
  });
  assertBundleMetaSame(state, "artifact", artifact, 3, "the artifact of manifest.json");
  return `manifest.json and signatures.json both name ${artifact}`;
}

/** Step 4: signatures.manifest_hash == sha256(JCS(manifest)). */
export async function checkManifestHash(state: StepState): Promise<string> {
  const hash = await manifestHash(state.rawManifest);
  state.manifestHash = hash;
  const what = "sha256 of the canonical (JCS) manifest.json";
  assertSame(state.signatures!.manifest_hash, hash, {
    code: "manifest_hash_mismatch",
    step: 4,
    file: "signatures.json",
    field: "manifest_hash",
    what,
  });
  assertBundleMetaSame(state, "manifest_hash", hash, 4, what);
  return `sha256(JCS(manifest.json)) is ${hash}`;
}

/** Step 5: sha256(skill.wasm) == manifest.artifact; skipped when the wasm is not required. */
export async function checkWasm(state: StepState): Promise<string | { skipped: string }> {
  const wasm = state.files.get("skill.wasm");
  // Step 1 already required the wasm unless the caller said it may be absent.
  if (wasm === undefined) {
    return { skipped: "skill.wasm was not provided, so its digest was not checked" };
  }
  const artifact = await HashedBytes.of(wasm);
  const digest = artifact.digest;
  state.artifactDigest = digest;
  state.artifact = artifact;
  const expected = state.parsed!.manifest.artifact;
  if (digest !== expected) {
    throw new BundleError(
      "artifact_mismatch",
      `skill.wasm hashes to ${digest}, but manifest.json names the artifact ${expected}`,
      { step: 5, file: "skill.wasm", field: null, expected, found: digest },
    );
  }
  const magic = [0x00, 0x61, 0x73, 0x6d];
  if (!magic.every((byte, index) => wasm[index] === byte)) {
    throw new BundleError(
      "wasm_invalid",
      "skill.wasm is not WebAssembly: it must start with the bytes 00 61 73 6d (\\0asm)",
      {
        step: 5,
        file: "skill.wasm",
        expected: "00 61 73 6d",
        found: [...wasm.subarray(0, 4)].map((byte) => byte.toString(16).padStart(2, "0")).join(" "),
      },
    );
  }
  return `skill.wasm (${wasm.length} bytes) hashes to ${digest}`;
}

/** Step 6: an experimental v1 manifest passes only when the operator enabled them. */
export function checkExperimentalGate(state: StepState): string {
  if (state.parsed!.schemaVersion === "0") return "manifest v0, no gate applies";
  if (state.experimentalManifests) return "experimental manifest v1, enabled on this server";
  throw new BundleError(
    "experimental_manifest_disabled",
    'manifest.json is an experimental v1 manifest (schema_version "1.0.0-draft"), and ' +
      "experimental manifests are disabled on this server; publish a manifest v0",
    {
      step: 6,
      file: "manifest.json",
      field: "schema_version",
      expected: "a manifest v0",
      found: '"1.0.0-draft"',
    },
  );
}

/** The optional bundle-meta.json must repeat what manifest.json and signatures.json say. */
function assertBundleMetaSame(
  state: StepState,
  field: "artifact" | "manifest_hash",
  expected: string,
  step: number,
  what: string,
): void {
  if (state.bundleMeta === undefined) return;
  assertSame(state.bundleMeta[field], expected, {
    code: "bundle_meta_mismatch",
    step,
    file: "bundle-meta.json",
    field,
    what,
  });
}

function assertSame(
  actual: string,
  expected: string,
  context: {
    code: "signatures_artifact_mismatch" | "manifest_hash_mismatch" | "bundle_meta_mismatch";
    step: number;
    file: string;
    field: string;
    what: string;
  },
): void {
  if (actual === expected) return;
  const { code, step, file, field, what } = context;
  throw new BundleError(code, `${file}: ${field} is ${actual}, but ${what} is ${expected}`, {
    step,
    file,
    field,
    expected,
    found: actual,
  });
}
