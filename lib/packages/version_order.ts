import { parse } from "semver";

const pad = (n: number | string) => String(n).padStart(16, "0");

/**
 * A text key whose byte order is semver precedence (build metadata ignored), so SQL can pick
 * the latest version with ORDER BY. Numbers are zero-padded; a release sorts after its
 * prereleases ("~" > "-"); numeric prerelease identifiers sort before alphanumeric ones ("0" <
 * "1"); and "!" separates identifiers because it sorts below every identifier character, which
 * makes 1.0.0-alpha < 1.0.0-alpha.1 < 1.0.0-alphab.
 */
export function versionOrder(version: string): { order: string; prerelease: boolean } {
  const v = parse(version);
  if (!v) throw new Error(`not a semver version: ${version}`);
  const core = `${pad(v.major)}.${pad(v.minor)}.${pad(v.patch)}`;
  if (v.prerelease.length === 0) return { order: `${core}~`, prerelease: false };
  const ids = v.prerelease.map((id) => typeof id === "number" ? `0${pad(id)}` : `1${id}`);
  return { order: `${core}-${ids.join("!")}`, prerelease: true };
}
