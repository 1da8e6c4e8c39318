import { assert } from "../../helpers/assert.ts";
import { BundleError, type BundleErrorCode } from "@/lib/packages/bundle/errors.ts";
import { encodeJson } from "@/lib/packages/bundle/pack.ts";

/** The copied specification fixtures (tests/fixtures/inactu-spec/README.md). */
export const SPEC_DIR = new URL("../../fixtures/inactu-spec/", import.meta.url);

/** Reads every file of a fixture folder into a name -> bytes map. */
export async function readFixtureDir(url: URL): Promise<Map<string, Uint8Array>> {
  const files = new Map<string, Uint8Array>();
  for await (const entry of Deno.readDir(url)) {
    if (entry.isFile) files.set(entry.name, await Deno.readFile(new URL(entry.name, url)));
  }
  return files;
}

/** Lists the sub-folders of a fixture folder, sorted. */
export async function listDirs(url: URL): Promise<string[]> {
  const names: string[] = [];
  for await (const entry of Deno.readDir(url)) if (entry.isDirectory) names.push(entry.name);
  return names.sort();
}

/** A copy of `files` with JSON files parsed, edited in place by their function, and re-encoded. */
export function editJson(
  files: ReadonlyMap<string, Uint8Array>,
  edits: Record<string, (value: Record<string, unknown>) => void>,
): Map<string, Uint8Array> {
  const copy = new Map(files);
  for (const [name, edit] of Object.entries(edits)) {
    const value = JSON.parse(new TextDecoder().decode(files.get(name)));
    edit(value);
    copy.set(name, encodeJson(value));
  }
  return copy;
}

/** A copy of `files` with some files replaced by text or bytes. */
export function withFiles(
  files: ReadonlyMap<string, Uint8Array>,
  replacements: Record<string, string | Uint8Array>,
): Map<string, Uint8Array> {
  const copy = new Map(files);
  for (const [name, content] of Object.entries(replacements)) {
    copy.set(name, typeof content === "string" ? new TextEncoder().encode(content) : content);
  }
  return copy;
}

/** Runs `action` and returns the BundleError it throws or rejects with, checking its code. */
export async function expectBundleError(
  action: () => unknown,
  code: BundleErrorCode,
): Promise<BundleError> {
  try {
    await action();
  } catch (error) {
    if (!(error instanceof BundleError)) throw error;
    assert.equal(error.code, code, `expected ${code}, got ${error.code}: ${error.message}`);
    return error;
  }
  return assert.fail(`expected a BundleError with code ${code}, but nothing was thrown`);
}
