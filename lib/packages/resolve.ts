// Which version a range resolves to (GET /v1/packages/@{owner}/{name}/resolve and
// `deno task pull`): npm semver ranges, or `latest`. Prereleases only when asked for
// (prerelease=true) or when the range names one, as npm does; yanked versions never, though
// they still download by exact version. Deprecated versions resolve (it is a warning), but
// `latest` prefers a non-deprecated one, as the package's latest_version does.
import * as semver from "semver";
import { z } from "zod";
import { DomainError } from "../errors.ts";
import { parseInput } from "../validation.ts";
import { listVersions, type PackageVersion } from "./versions.ts";
import type { Services } from "../services.ts";
import type { Actor } from "../access/policy.ts";
import type { Package } from "./packages.ts";
import { packageWithOwner } from "./access.ts";

const MAX_RANGE = 256;

/** The query of a resolve request. */
export const ResolveQuery = z.strictObject({
  range: z.string().trim().min(1, "must not be empty; use latest or a range such as ^1.2.0")
    .max(MAX_RANGE, `must be at most ${MAX_RANGE} characters`).default("latest"),
  prerelease: z.enum(["true", "false"], "must be true or false").default("false")
    .transform((v) => v === "true"),
});
export type ResolveQuery = z.output<typeof ResolveQuery>;

/** A range checked for syntax: `latest`, or a valid npm semver range. */
export function parseRange(query: unknown): ResolveQuery {
  const parsed = parseInput(ResolveQuery, query, "query parameter ");
  if (parsed.range !== "latest" && semver.validRange(parsed.range) === null) {
    throw new DomainError(
      "invalid",
      `query parameter range: "${parsed.range}" is not a semver range; use latest, an exact ` +
        "version such as 1.2.0, or a range such as ^1.2, ~1.2.3, >=1.0.0 <2.0.0 or 1.x",
      { issues: [{ field: "range", message: "range must be latest or an npm semver range" }] },
    );
  }
  return parsed;
}

const LISTED = 20;

/**
 * The version `query` resolves to among `versions`, or not_found saying why: no versions yet,
 * nothing matching (with the versions that exist), only prereleases (and how to ask for them),
 * or only yanked versions.
 */
export function chooseVersion(
  name: string,
  versions: readonly PackageVersion[],
  query: ResolveQuery,
): PackageVersion {
  if (versions.length === 0) {
    throw new DomainError("not_found", `package ${name} has no versions yet`);
  }
  const live = versions.filter((v) => !v.yankedAt);
  const range = query.range;
  const pick = (from: readonly PackageVersion[], includePrerelease: boolean) =>
    range === "latest"
      ? latestOf(from, includePrerelease)
      : maxSatisfying(from, range, includePrerelease);
  const chosen = pick(live, query.prerelease);
  if (chosen) return chosen;
  const said = range === "latest" ? "latest" : `range ${range}`;
  if (!query.prerelease && pick(live, true)) {
    throw new DomainError(
      "not_found",
      `no stable version of ${name} matches ${said}; only prereleases do: add prerelease=true`,
    );
  }
  const yanked = versions.filter((v) => v.yankedAt);
  if (pick(yanked, true)) {
    const matching = yanked.filter((v) => v === pick([v], true)).map((v) => v.version);
    throw new DomainError(
      "not_found",
      `every version of ${name} matching ${said} is yanked (${list(matching)}); yanked ` +
        "versions are never resolved, but still download by their exact version",
    );
  }
  throw new DomainError(
    "not_found",
    `no version of ${name} matches ${said}; versions: ${list(versions.map((v) => v.version))}`,
  );
}

function latestOf(from: readonly PackageVersion[], includePrerelease: boolean) {
  const eligible = from.filter((v) => includePrerelease || !v.prerelease);
  const best = (list: readonly PackageVersion[]) =>
    list.reduce<PackageVersion | null>(
      (top, v) => !top || semver.gt(v.version, top.version) ? v : top,
      null,
    );
  return best(eligible.filter((v) => !v.deprecatedAt)) ?? best(eligible);
}

function maxSatisfying(from: readonly PackageVersion[], range: string, includePrerelease: boolean) {
  const top = semver.maxSatisfying(from.map((v) => v.version), range, { includePrerelease });
  return top === null ? null : from.find((v) => v.version === top) ?? null;
}

function list(versions: string[]): string {
  const sorted = [...versions].sort(semver.rcompare);
  return sorted.length > LISTED
    ? `${sorted.slice(0, LISTED).join(", ")} and ${sorted.length - LISTED} more`
    : sorted.join(", ");
}

/** The package a resolve names and the version its range chooses, for the actor; or throws. */
export async function resolveFor(
  s: Services,
  actor: Actor,
  input: { owner: string; package: string; query: unknown },
): Promise<{ pkg: Package; owner: string; version: PackageVersion; query: ResolveQuery }> {
  const query = parseRange(input.query);
  // Anyone the package is visible to (a private one reads as missing to everyone else).
  const { pkg, owner } = await packageWithOwner(s, actor, "package.read", {
    owner: input.owner.toLowerCase(),
    package: input.package,
  });
  const version = chooseVersion(pkg.name, await listVersions(s.db, pkg.id), query);
  return { pkg, owner: owner.handle, version, query };
}
