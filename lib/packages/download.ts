// What a download serves: which version (through the access policy, lib/packages/access.ts),
// which of its two files, under which digest, type and file name. Turning that into a
// response is lib/http/download.ts.
import type { Services } from "../services.ts";
import type { Actor } from "../access/policy.ts";
import { ARCHIVE_MEDIA_TYPES } from "./bundle/decompress.ts";
import { publicVersion, versionFor } from "./access.ts";
import type { PackageVersion } from "./versions.ts";

const EXTENSIONS = new Map(Object.entries(ARCHIVE_MEDIA_TYPES).map(([ext, type]) => [type, ext]));

export type DownloadPart = "bundle" | "artifact";

/** One file of one version, as a download names and serves it. */
export interface Download {
  /** What the download is counted under (lib/packages/downloads.ts). */
  versionId: string;
  packageId: string;
  package: string;
  version: string;
  digest: string;
  mediaType: string;
  filename: string;
  /** Public versions may be kept by shared caches; the owner's own downloads may not. */
  public: boolean;
}

/** The file name a version's archive downloads as, such as echo.minimal-1.0.0.tar.gz. */
export function bundleFileName(name: string, version: PackageVersion): string {
  return `${name}-${version.version}.${EXTENSIONS.get(version.archiveMediaType) ?? "tar"}`;
}

function downloadOf(
  name: string,
  version: PackageVersion,
  part: DownloadPart,
  isPublic: boolean,
): Download {
  const bundle = part === "bundle";
  return {
    versionId: version.id,
    packageId: version.packageId,
    package: name,
    version: version.version,
    digest: bundle ? version.archiveDigest : version.artifactDigest,
    mediaType: bundle ? version.archiveMediaType : "application/wasm",
    filename: bundle ? bundleFileName(name, version) : `${name}-${version.version}.wasm`,
    public: isPublic,
  };
}

/** A file of the actor's own version, private or public (the /v1 API); else not_found. */
export async function ownDownload(
  s: Services,
  actor: Actor,
  input: { owner?: string; package: string; version: string; part: DownloadPart },
): Promise<Download> {
  const { pkg, version } = await versionFor(s, actor, "package.read", input);
  return downloadOf(pkg.name, version, input.part, false);
}

/** A file of a public version, for anyone (/@handle/name/versions/...); else not_found. */
export async function publicDownload(
  s: Services,
  actor: Actor,
  input: { handle: string; package: string; version: string; part: DownloadPart },
): Promise<Download> {
  const { pkg, version } = await publicVersion(s, actor, input);
  return downloadOf(pkg.name, version, input.part, true);
}
