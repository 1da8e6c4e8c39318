import * as semver from "semver";
import { z } from "zod";
import { BundleError, describeValue } from "./errors.ts";

/** Longest version accepted; semver itself allows 256, which no real release needs. */
export const MAX_VERSION_LENGTH = 128;

/**
 * Package names: docs/bundle-format.md's rule (lowercase letters, digits, '.', '_', '-', starting
 * with a letter or digit, 2 to 64 characters), split into parts at '.' as the spec's skill ids
 * are (spec/v0/skill-manifest.schema.json): every part starts with a letter or digit, so no
 * part is empty ("a..", "a.") and none starts with '_' or '-'.
 */
export const PACKAGE_NAME_PATTERN = /^(?=.{2,64}$)[a-z0-9][a-z0-9_-]*(?:\.[a-z0-9][a-z0-9_-]*)*$/;

/** The package name rule, as messages state it. */
export const PACKAGE_NAME_RULES = "2 to 64 characters of lowercase letters, digits, '.', '_' " +
  "and '-', where the name and each part after a '.' start with a letter or digit, such as " +
  "echo.minimal";

/** Whether `name` is a valid package name: the one test every name goes through. */
export function isPackageName(name: string): boolean {
  return PACKAGE_NAME_PATTERN.test(name);
}

/**
 * Throws version_invalid unless `version` is exactly a semver 2.0 version: the semver library
 * alone also accepts `v1.0.0` and surrounding spaces, so the parse must round-trip to the input.
 */
export function assertVersion(version: string): void {
  if (version.length > MAX_VERSION_LENGTH) {
    throw versionError(
      `version must be valid semver 2.0 of at most ${MAX_VERSION_LENGTH} characters, such as ` +
        `1.2.0; found ${version.length} characters`,
      version,
    );
  }
  const parsed = semver.parse(version);
  const canonical = parsed === null
    ? null
    : parsed.version + (parsed.build.length > 0 ? `+${parsed.build.join(".")}` : "");
  if (canonical !== version) {
    throw versionError(
      `version must be valid semver 2.0, such as 1.2.0; found ${describeValue(version)}`,
      version,
    );
  }
}

/** True when `version` is exactly a semver 2.0 version of at most 128 characters. */
export function isValidVersion(version: string): boolean {
  try {
    assertVersion(version);
    return true;
  } catch {
    return false;
  }
}

/** A version in a query or form: exactly semver 2.0, else a 400 naming the rule. */
export const VersionText = z.string().refine(
  isValidVersion,
  `must be valid semver 2.0 of at most ${MAX_VERSION_LENGTH} characters, such as 1.2.0`,
);

/**
 * The identity of a version in the registry: build metadata does not make a new version
 * (semver 2.0 section 10), so `1.0.0+a` and `1.0.0` share the key `1.0.0`.
 */
export function versionKey(version: string): string {
  assertVersion(version);
  const plus = version.indexOf("+");
  return plus === -1 ? version : version.slice(0, plus);
}

/** Throws name_invalid unless `name` follows the package name convention. */
export function assertPackageName(name: string): void {
  if (isPackageName(name)) return;
  throw new BundleError(
    "name_invalid",
    `name must be ${PACKAGE_NAME_RULES}; found ${describeValue(name)}`,
    {
      step: 9,
      file: "manifest.json",
      field: "name",
      expected: PACKAGE_NAME_PATTERN.source,
      found: describeValue(name),
    },
  );
}

function versionError(message: string, version: string): BundleError {
  return new BundleError("version_invalid", message, {
    step: 9,
    file: "manifest.json",
    field: "version",
    expected: "semver 2.0, such as 1.2.0",
    found: describeValue(version),
  });
}
