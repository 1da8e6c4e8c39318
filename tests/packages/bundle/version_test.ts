import { assert, assertIncludes } from "../../helpers/assert.ts";
import {
  assertPackageName,
  assertVersion,
  isPackageName,
  isValidVersion,
  versionKey,
} from "@/lib/packages/bundle/version.ts";
import { expectBundleError } from "./helpers.ts";

Deno.test("semver 2.0 versions with prerelease and build metadata are accepted", () => {
  for (
    const version of [
      "0.1.0",
      "1.0.0",
      "10.20.30",
      "1.0.0-rc.1",
      "1.0.0-alpha+001",
      "1.0.0+build.5",
      "1.0.0-0a.x-y",
    ]
  ) {
    assert.equal(isValidVersion(version), true, version);
  }
  assert.equal(isValidVersion(`1.0.0-${"a".repeat(122)}`), true, "128 characters is the cap");
});

Deno.test("versions that only look like semver are rejected with the version shown", async () => {
  for (
    const version of [
      "v1.0.0",
      "=1.0.0",
      " 1.0.0",
      "1.0.0 ",
      "01.0.0",
      "1.00.0",
      "1.0",
      "1",
      "1.0.0-01",
      "latest",
      "1.0.0+",
      "",
      "99999999999999999999.0.0",
    ]
  ) {
    const error = await expectBundleError(() => assertVersion(version), "version_invalid");
    assert.equal(error.field, "version");
    assert.equal(error.step, 9);
    assert.equal(
      error.message,
      `version must be valid semver 2.0, such as 1.2.0; found ${JSON.stringify(version)}`,
    );
  }
});

Deno.test("a 1000-character version is rejected by the length cap before parsing", async () => {
  const error = await expectBundleError(
    () => assertVersion(`1.0.0-${"a".repeat(994)}`),
    "version_invalid",
  );
  assert.equal(
    error.message,
    "version must be valid semver 2.0 of at most 128 characters, such as 1.2.0; found 1000 characters",
  );
  await expectBundleError(() => assertVersion(`1.0.0-${"a".repeat(123)}`), "version_invalid");
});

Deno.test("build metadata does not make a new version: 1.0.0+a and 1.0.0 share a version key", async () => {
  assert.equal(versionKey("1.0.0+a"), "1.0.0");
  assert.equal(versionKey("1.0.0+a"), versionKey("1.0.0"));
  assert.equal(versionKey("1.0.0-rc.1+exp.sha.5114f85"), "1.0.0-rc.1");
  assert.notEqual(versionKey("1.0.0-rc.1"), versionKey("1.0.0"));
  await expectBundleError(() => versionKey("v1.0.0"), "version_invalid");
});

Deno.test("package names follow the ecosystem convention of 2 to 64 characters", async () => {
  for (const name of ["echo.minimal", "fs.write_patch", "a1", "x-y", "0day", "a-", "a.b.c"]) {
    assertPackageName(name);
  }
  for (const name of ["a", "Echo", ".hidden", "-x", "a/b", "a b", "é.x", "x".repeat(65)]) {
    const error = await expectBundleError(() => assertPackageName(name), "name_invalid");
    assertIncludes(error.message, "name must be 2 to 64 characters of lowercase letters");
  }
});

Deno.test("every part of a package name after a dot starts with a letter or digit: a.. is not a name", async () => {
  for (
    const name of ["a..", "a.", "a..b", "ab.", "a._b", "a.-b", "a.b..c", `${"a".repeat(62)}..`]
  ) {
    assert.equal(isPackageName(name), false, name);
    const error = await expectBundleError(() => assertPackageName(name), "name_invalid");
    assertIncludes(error.message, "each part after a '.' start with a letter or digit");
  }
});
