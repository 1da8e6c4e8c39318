import type { HashedBytes } from "../../artifacts/digest.ts";
import { readArchive } from "./archive.ts";
import { BundleError, type BundleErrorInfo } from "./errors.ts";
import { type BundleFiles, type BundleLimits, resolveLimits } from "./limits.ts";
import { manifestName, type ManifestV0, type ManifestV1 } from "./schemas.ts";
import type { SignerResult } from "./signing.ts";
import type { KeyCheck, PinnedKey } from "./keys.ts";
import {
  checkArtifactsAgree,
  checkExperimentalGate,
  checkFiles,
  checkManifestHash,
  checkWasm,
  parseDocuments,
  type StepState,
} from "./verify_steps.ts";
import { checkPublicKeys, checkRegistryRules, checkSignatures } from "./verify_trust.ts";

/** How a bundle is judged. */
export interface VerifyBundleOptions {
  /** The package the bundle is published to; the manifest name must equal it. */
  packageName?: string;
  /** Operator switch for manifests with schema_version "1.0.0-draft" (step 6). */
  experimentalManifests: boolean;
  /** Whether a version key (see versionKey) is already taken in this package. */
  publishedVersions?: (versionKey: string) => boolean | Promise<boolean>;
  /** The package's pinned signer keys; step 9 then requires an active one to have signed. */
  pinnedKeys?: () => Promise<readonly PinnedKey[]>;
  /** False to verify a bundle without its wasm (step 5 is then skipped); default true. */
  requireWasm?: boolean;
  limits?: Partial<BundleLimits>;
}

/** passed or failed; skipped when it does not apply; not_reached after an earlier failure. */
export type StepStatus = "passed" | "failed" | "skipped" | "not_reached";

/** One step of docs/bundle-format.md "Verification steps", shown with a tick or a reason. */
export interface StepReport {
  step: number;
  name: string;
  status: StepStatus;
  ok: boolean;
  detail: string;
}

/** What was verified, step by step, and what failed. */
export interface VerificationReport {
  ok: boolean;
  error: BundleErrorInfo | null;
  steps: StepReport[];
  schemaVersion: "0" | "1.0.0-draft" | null;
  name: string | null;
  version: string | null;
  versionKey: string | null;
  /** sha256 of skill.wasm, when it was provided. */
  artifactDigest: string | null;
  /** skill.wasm with that digest, so publishing stores it without hashing it again. */
  artifact: HashedBytes | null;
  /** sha256 of JCS(manifest). */
  manifestHash: string | null;
  /** sha256 of the raw bytes of public-keys.json. */
  keysDigest: string | null;
  signers: SignerResult[];
  /** The pinned-key rule's outcome; null without a package or before step 9 passed. */
  keys: KeyCheck | null;
  manifest: ManifestV0 | ManifestV1 | null;
  wasmSize: number | null;
}

/** docs/bundle-format.md "Verification steps": each step's name and what it runs, 1 to 9. */
const STEPS: ReadonlyArray<
  { name: string; run: (state: StepState, options: VerifyBundleOptions) => StepOutcome }
> = [
  { name: "Files and size caps", run: checkFiles },
  { name: "Strict parse of manifest and signatures", run: parseDocuments },
  { name: "Manifest and signatures name the same artifact", run: checkArtifactsAgree },
  { name: "Manifest hash matches signatures.json", run: checkManifestHash },
  { name: "skill.wasm matches the manifest artifact", run: checkWasm },
  { name: "Experimental manifest gate", run: checkExperimentalGate },
  { name: "Public keys", run: checkPublicKeys },
  { name: "Signatures", run: checkSignatures },
  { name: "Registry rules", run: checkRegistryRules },
];

/** A step's detail line, or why it was skipped. */
type StepOutcome = StepDetail | Promise<StepDetail>;
type StepDetail = string | { skipped: string };

/** The names of steps 1 to 9, in order. */
export const STEP_NAMES: readonly string[] = STEPS.map((step) => step.name);

/** Verifies bundle files in docs/bundle-format.md's order, stopping at the first failure; a bad bundle never throws. */
export async function verifyBundle(
  files: BundleFiles,
  options: VerifyBundleOptions,
): Promise<VerificationReport> {
  const state = initialState(files, options);
  const steps = unreachedSteps();
  let error: BundleErrorInfo | null = null;
  for (const [index, { run }] of STEPS.entries()) {
    const step = index + 1;
    try {
      const detail = await run(state, options);
      steps[index] = typeof detail === "string"
        ? stepReport(step, { status: "passed", detail })
        : stepReport(step, { status: "skipped", detail: detail.skipped });
    } catch (caught) {
      if (!(caught instanceof BundleError)) throw caught;
      caught.step ??= step;
      steps[index] = stepReport(step, { status: "failed", detail: caught.message });
      error = caught.toInfo();
      break;
    }
  }
  return buildReport(state, steps, error);
}

/** Reads an uploaded archive and verifies it; archive problems are reported as step 1 failures. */
export async function verifyArchive(
  bytes: Uint8Array,
  options: VerifyBundleOptions,
): Promise<VerificationReport> {
  let files: BundleFiles;
  try {
    ({ files } = await readArchive(bytes, { limits: options.limits }));
  } catch (caught) {
    if (!(caught instanceof BundleError)) throw caught;
    return unreadableUploadReport(caught, options);
  }
  return verifyBundle(files, options);
}

/** The report for an upload that could not be read at all: step 1 failed, the rest not reached. */
export function unreadableUploadReport(
  error: BundleError,
  options: VerifyBundleOptions,
): VerificationReport {
  error.step ??= 1;
  const steps = unreachedSteps();
  steps[0] = stepReport(1, { status: "failed", detail: error.message });
  return buildReport(initialState(new Map(), options), steps, error.toInfo());
}

function initialState(files: BundleFiles, options: VerifyBundleOptions): StepState {
  return {
    files,
    limits: resolveLimits(options.limits),
    requireWasm: options.requireWasm ?? true,
    experimentalManifests: options.experimentalManifests,
    signers: [],
  };
}

function unreachedSteps(): StepReport[] {
  return STEPS.map((_, index) => stepReport(index + 1, { status: "not_reached", detail: "" }));
}

function buildReport(
  state: StepState,
  steps: StepReport[],
  error: BundleErrorInfo | null,
): VerificationReport {
  const parsed = state.parsed ?? null;
  return {
    ok: error === null,
    error,
    steps,
    schemaVersion: parsed?.schemaVersion ?? null,
    name: parsed === null ? null : manifestName(parsed),
    version: parsed?.manifest.version ?? null,
    versionKey: state.versionKey ?? null,
    artifactDigest: state.artifactDigest ?? null,
    artifact: state.artifact ?? null,
    manifestHash: state.manifestHash ?? null,
    keysDigest: state.keysDigest ?? null,
    signers: state.signers,
    keys: state.keyCheck ?? null,
    manifest: parsed?.manifest ?? null,
    wasmSize: state.files.get("skill.wasm")?.length ?? null,
  };
}

function stepReport(step: number, outcome: { status: StepStatus; detail: string }): StepReport {
  const { status, detail } = outcome;
  return { step, name: STEPS[step - 1]!.name, status, ok: status === "passed", detail };
}
