// Verifying an upload before anything is stored: the publish API and form, the review step,
// the verify API and the import all start here. Publishing itself is lib/packages/publish.ts.
import type { Services } from "../services.ts";
import { BundleError } from "./bundle/errors.ts";
import { readArchive, readFormFiles } from "./bundle/archive.ts";
import { packArchive } from "./bundle/pack.ts";
import { unreadableUploadReport, type VerificationReport, verifyBundle } from "./bundle/verify.ts";
import { getOwnPackage, type Package } from "./packages.ts";
import { versionExists } from "./versions.ts";
import { pinnedKeysOf } from "./signer_keys.ts";

const CONFLICTS = new Set(["version_published", "signer_key_not_pinned"]);

/** An uploaded archive, or bundle files uploaded one by one (a form). */
export type Upload =
  | { kind: "archive"; bytes: Uint8Array }
  | { kind: "files"; files: [string, Uint8Array][] };

/** Turns an upload into the archive that will be stored and the files in it. */
async function unpack(
  upload: Upload,
): Promise<{ archive: Uint8Array; files: Map<string, Uint8Array> }> {
  if (upload.kind === "archive") {
    const { files } = await readArchive(upload.bytes);
    return { archive: upload.bytes, files };
  }
  return packFormFiles(upload.files);
}

/**
 * Files sent one by one, as the archive they are stored as: packed the same way every time
 * (sorted names, fixed metadata), so identical uploads share one blob.
 */
export async function packFormFiles(
  upload: [string, Uint8Array][],
): Promise<{ archive: Uint8Array; files: Map<string, Uint8Array> }> {
  const { files } = readFormFiles(upload);
  const sorted = new Map([...files].sort(([a], [b]) => a.localeCompare(b)));
  return { archive: await packArchive(sorted, { format: "tar.gz" }), files: sorted };
}

export type VerifyUploadResult =
  | {
    ok: true;
    report: VerificationReport;
    archive: Uint8Array;
    files: Map<string, Uint8Array>;
    existing: Package | null;
  }
  | { ok: false; status: 400 | 409; error: string; report: VerificationReport };

/**
 * Unpacks and verifies an upload. With an owner, step 9 also checks the version is not yet
 * published in that owner's package of the manifest's name (or `packageName`); `check` runs
 * first with that package (null: a new one) and throws to refuse, so nothing about a package
 * the actor may not publish to (not even whether a version exists) is told.
 */
export async function verifyUpload(
  s: Services,
  upload: Upload,
  options: {
    ownerId?: string;
    packageName?: string;
    check?: (existing: Package | null) => Promise<void>;
    /** Runs once `check` passed, before verification: publish starts writing the blobs. */
    authorized?: (archive: Uint8Array, files: Map<string, Uint8Array>) => Promise<void>;
  } = {},
): Promise<VerifyUploadResult> {
  const experimentalManifests = s.config.experimentalManifests;
  let unpacked: { archive: Uint8Array; files: Map<string, Uint8Array> };
  try {
    unpacked = await unpack(upload);
  } catch (error) {
    if (!(error instanceof BundleError)) throw error;
    return {
      ok: false,
      status: 400,
      error: error.message,
      report: unreadableUploadReport(error, { experimentalManifests }),
    };
  }
  const { archive, files } = unpacked;
  const name = options.packageName ?? peekName(files);
  const existing = name && options.ownerId
    ? await getOwnPackage(s.db, options.ownerId, name)
    : null;
  await options.check?.(existing);
  await options.authorized?.(archive, files);
  const report = await verifyBundle(files, {
    packageName: options.packageName,
    experimentalManifests,
    publishedVersions: (key) => existing ? versionExists(s.db, existing.id, key) : false,
    // Only a publish into the owner's package is judged against its keys (a new one has none).
    pinnedKeys: options.ownerId
      ? async () => existing ? (await pinnedKeysOf(s.db, existing.id)).keys : []
      : undefined,
  });
  if (!report.ok) {
    return {
      ok: false,
      // The package's state refuses these two, not the bundle itself.
      status: CONFLICTS.has(report.error?.code ?? "") ? 409 : 400,
      error: report.error?.message ?? "the bundle did not verify",
      report,
    };
  }
  return { ok: true, report, archive, files, existing };
}

/** The manifest's name, read leniently before verification picks the package it goes to. */
function peekName(files: Map<string, Uint8Array>): string | null {
  try {
    const value = JSON.parse(new TextDecoder().decode(files.get("manifest.json")));
    return typeof value?.name === "string"
      ? value.name
      : typeof value?.id === "string"
      ? value.id
      : null;
  } catch {
    return null;
  }
}
