import { assert, assertIncludes } from "../../helpers/assert.ts";
import { readFormFiles } from "@/lib/packages/bundle/archive.ts";
import type { BundleErrorCode } from "@/lib/packages/bundle/errors.ts";
import { buildBundle, generateSigner, packArchive } from "@/lib/packages/bundle/pack.ts";
import {
  verifyArchive,
  verifyBundle,
  type VerifyBundleOptions,
} from "@/lib/packages/bundle/verify.ts";
import { buildRunModule } from "@/lib/packages/bundle/wasm.ts";
import { expectBundleError, withFiles } from "./helpers.ts";

const alice = await generateSigner("alice.dev");
const wasm = buildRunModule();
const files = await buildBundle(wasm, {
  name: "echo.minimal",
  version: "1.0.0",
  signers: [alice],
  bundleMeta: true,
});
const options: VerifyBundleOptions = { packageName: "echo.minimal", experimentalManifests: false };

Deno.test("tar, tar.gz and tar.zst of the same bundle verify identically", async () => {
  const expected = await verifyBundle(files, options);
  assert.equal(expected.ok, true);
  for (const format of ["tar", "tar.gz", "tar.zst"] as const) {
    for (const topFolder of [undefined, "echo.minimal-1.0.0"]) {
      const report = await verifyArchive(await packArchive(files, { format, topFolder }), options);
      assert.deepEqual(report, expected, `${format} ${topFolder ?? "at the root"}`);
    }
  }
});

Deno.test("an archive problem is reported as a failed step 1, later steps not reached", async () => {
  const zip = new Uint8Array([0x50, 0x4b, 0x03, 0x04, ...new Uint8Array(300)]);
  const report = await verifyArchive(zip, options);
  assert.equal(report.ok, false);
  assert.equal(report.error?.code, "archive_format_unsupported");
  assert.equal(report.error?.step, 1);
  assert.deepEqual(report.steps.map((step) => step.status), [
    "failed",
    ...Array(8).fill("not_reached"),
  ]);
  assertIncludes(report.steps[0]!.detail, "the upload is a zip archive");
});

const ADVERSARIAL: Array<[string, string | Record<string, unknown>, BundleErrorCode, string]> = [
  ["an extra key", { homepage: "https://evil.example" }, "manifest_invalid", "homepage"],
  [
    "an uppercase digest",
    { artifact: `sha256:${"AB".repeat(32)}` },
    "manifest_invalid",
    "artifact",
  ],
  ["a name that differs from the package", { name: "someone.else" }, "name_mismatch", "name"],
  ["a non-semver version", { version: "latest" }, "version_invalid", "version"],
  ["the version v1.0.0", { version: "v1.0.0" }, "version_invalid", "version"],
  ["the version 01.0.0", { version: "01.0.0" }, "version_invalid", "version"],
  [
    "a 1000-character version",
    { version: `1.0.0-${"x".repeat(994)}` },
    "version_invalid",
    "version",
  ],
  [
    "duplicate JSON keys",
    '{"name":"echo.minimal","version":"1.0.0","version":"9.9.9"}',
    "json_duplicate_key",
    "version",
  ],
  [
    "a __proto__ key",
    '{"name":"echo.minimal","__proto__":{"isAdmin":true}}',
    "json_forbidden_key",
    "__proto__",
  ],
];

for (const [what, change, code, field] of ADVERSARIAL) {
  Deno.test(`an uploaded manifest with ${what} is rejected naming the field ${field}`, async () => {
    const bundle = typeof change === "string"
      ? withFiles(files, { "manifest.json": change })
      : await buildBundle(wasm, {
        name: "echo.minimal",
        version: "1.0.0",
        signers: [alice],
        manifest: change,
      });
    const report = await verifyArchive(await packArchive(bundle, { format: "tar.gz" }), options);
    assert.equal(report.error?.code, code, String(report.error?.message));
    assert.equal(report.error?.field, field);
    assert.equal(report.error?.file, "manifest.json");
    assertIncludes(report.error!.message, field);
  });
}

Deno.test("files uploaded one by one go through the same name, count and size rules", async () => {
  const contents = readFormFiles(files);
  assert.equal(contents.format, "files");
  assert.deepEqual(contents.files, files);
  assert.equal((await verifyBundle(contents.files, options)).ok, true);
  const entries = (extra: Array<[string, Uint8Array]>) => [...files, ...extra];
  const tiny = new Uint8Array(1);
  assertIncludes(
    (await expectBundleError(
      () => readFormFiles(entries([["Manifest.json", tiny]])),
      "archive_duplicate_name",
    )).message,
    '"Manifest.json" and "manifest.json"',
  );
  await expectBundleError(
    () => readFormFiles([["top/manifest.json", tiny]]),
    "archive_nested_folder",
  );
  await expectBundleError(
    () => readFormFiles([["../manifest.json", tiny]]),
    "archive_path_traversal",
  );
  await expectBundleError(
    () => readFormFiles([["C:\\manifest.json", tiny]]),
    "archive_path_invalid",
  );
  await expectBundleError(
    () => readFormFiles([["manifest\ud800.json", tiny]]),
    "archive_path_invalid",
  );
  await expectBundleError(() => readFormFiles([["notes.txt", tiny]]), "file_unknown");
  await expectBundleError(
    () => readFormFiles([["skill.wasm", new Uint8Array(16 * 1024 * 1024 + 1)]]),
    "file_too_large",
  );
  await expectBundleError(
    () => readFormFiles(files, { limits: { maxEntries: 2 } }),
    "archive_too_many_entries",
  );
  const total = await expectBundleError(
    () => readFormFiles(files, { limits: { maxUnpackedBytes: 100 } }),
    "archive_unpacked_too_large",
  );
  assertIncludes(total.message, "the limit for the unpacked total");
});
