import { BundleError } from "./errors.ts";
import { formatLimit } from "../../bytes.ts";

const MiB = 1024 * 1024;

/** The files a bundle may hold (docs/bundle-format.md "Files"); nothing else is allowed. */
export const BUNDLE_FILE_NAMES = [
  "skill.wasm",
  "manifest.json",
  "signatures.json",
  "public-keys.json",
  "provenance.json",
  "bundle-meta.json",
  "log-proof.json",
] as const;

/** One of the allowed bundle file names. */
export type BundleFileName = typeof BUNDLE_FILE_NAMES[number];

/** Bundle files by name, as read from an archive or a form. */
export type BundleFiles = ReadonlyMap<string, Uint8Array>;

/** Files without which a bundle is rejected; public-keys.json is required by this control plane. */
export const REQUIRED_FILES: readonly BundleFileName[] = [
  "skill.wasm",
  "manifest.json",
  "signatures.json",
  "public-keys.json",
];

/** Size and count caps for uploads (docs/security.md "Uploads" U1, U2). */
export interface BundleLimits {
  /** The uploaded archive as received (compressed or not). */
  maxArchiveBytes: number;
  /** The uncompressed tar stream, headers and padding included; for form uploads, the file sum. */
  maxUnpackedBytes: number;
  /** Tar entries (files and the optional top folder), or form files. */
  maxEntries: number;
  maxWasmBytes: number;
  /** Each JSON file. */
  maxJsonBytes: number;
}

/** Default caps: wasm 16 MiB, each JSON 1 MiB, room for all seven files (bundle-format.md). */
export const DEFAULT_LIMITS: BundleLimits = {
  maxArchiveBytes: 24 * MiB,
  maxUnpackedBytes: 24 * MiB,
  maxEntries: 16,
  maxWasmBytes: 16 * MiB,
  maxJsonBytes: 1 * MiB,
};

/** The default limits with some replaced. */
export function resolveLimits(overrides: Partial<BundleLimits> = {}): BundleLimits {
  return { ...DEFAULT_LIMITS, ...overrides };
}

/** True for the names listed in docs/bundle-format.md "Files". */
export function isBundleFileName(name: string): name is BundleFileName {
  return (BUNDLE_FILE_NAMES as readonly string[]).includes(name);
}

/** Throws file_unknown unless `name` is an allowed bundle file. */
export function assertBundleFileName(name: string, path = name): asserts name is BundleFileName {
  if (isBundleFileName(name)) return;
  throw new BundleError(
    "file_unknown",
    `unknown file ${JSON.stringify(path)}; a bundle may only hold ${BUNDLE_FILE_NAMES.join(", ")}`,
    { step: 1, file: path, expected: BUNDLE_FILE_NAMES.join(", "), found: path },
  );
}

/** The per-file cap for an allowed bundle file name. */
export function fileLimit(name: BundleFileName, limits: BundleLimits): number {
  return name === "skill.wasm" ? limits.maxWasmBytes : limits.maxJsonBytes;
}

/** Throws file_too_large when `size` exceeds the cap of `name`. */
export function assertFileSize(name: BundleFileName, size: number, limits: BundleLimits): void {
  const limit = fileLimit(name, limits);
  if (size <= limit) return;
  throw new BundleError(
    "file_too_large",
    `${name} is ${size} bytes; the limit for ${name} is ${formatLimit(limit)}`,
    { step: 1, file: name, expected: `at most ${limit} bytes`, found: `${size} bytes` },
  );
}
