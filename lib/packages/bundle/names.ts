import { BundleError, describeValue } from "./errors.ts";
import { assertBundleFileName, type BundleFileName } from "./limits.ts";

const MAX_PATH_LENGTH = 255;

/** Tracks entry names so that an archive or a form upload holds each bundle file once, laid out flat. */
export interface EntryNames {
  /** Records the optional top folder (a directory entry). */
  addDirectory(path: string): void;
  /** Records a file and returns its bare bundle file name. */
  addFile(path: string): BundleFileName;
  /** The top folder the files are under, or null when they are at the root. */
  topFolder(): string | null;
}

/**
 * Checks the syntax of an entry path and returns its segments. A leading `./` is dropped, as
 * `tar -C dir .` writes it; everything else that could escape or alias is refused.
 */
export function pathSegments(path: string, options: { directory?: boolean } = {}): string[] {
  const shown = describeValue(path);
  const at = { step: 1, file: path, found: shown };
  if (path === "" || path.length > MAX_PATH_LENGTH) {
    throw new BundleError(
      "archive_path_invalid",
      `entry name ${shown} must be 1 to ${MAX_PATH_LENGTH} characters`,
      { ...at, expected: `1 to ${MAX_PATH_LENGTH} characters` },
    );
  }
  if (!path.isWellFormed() || hasControlOrReplacement(path)) {
    throw new BundleError(
      "archive_path_invalid",
      `entry name ${shown} is not valid UTF-8 text; names must be UTF-8 without control characters`,
      { ...at, expected: "UTF-8 without control characters" },
    );
  }
  if (path.includes("\\")) {
    throw new BundleError(
      "archive_path_invalid",
      `entry name ${shown} contains a backslash; separate folders with /`,
      { ...at, expected: "/ as the only separator" },
    );
  }
  if (path.startsWith("/") || /^[A-Za-z]:/.test(path)) {
    throw new BundleError(
      "archive_path_absolute",
      `entry name ${shown} is an absolute path; names must be relative, such as manifest.json`,
      { ...at, expected: "a relative path" },
    );
  }
  const segments = path.split("/");
  if (options.directory && segments.at(-1) === "") segments.pop();
  if (segments[0] === "." && (segments.length > 1 || options.directory)) segments.shift();
  if (segments.includes("..")) {
    throw new BundleError(
      "archive_path_traversal",
      `entry name ${shown} contains ..; names must stay inside the bundle`,
      { ...at, expected: "no .. segments" },
    );
  }
  if (segments.some((segment) => segment === "" || segment === ".")) {
    throw new BundleError(
      "archive_path_invalid",
      `entry name ${shown} has an empty or . segment; use folder/file or file`,
      { ...at, expected: "folder/file or file" },
    );
  }
  return segments;
}

/** Starts tracking names; `allowFolder` is false for form uploads, whose names are bare. */
export function createEntryNames(options: { allowFolder: boolean }): EntryNames {
  // Names are compared after NFC normalization and lowercasing: two entries that differ only
  // there would land on the same file on macOS or Windows, so they count as duplicates.
  const seen = new Map<string, string>();
  const folders = new Map<string, string>();
  let rootFile: string | null = null;

  function claim(path: string, segments: string[]): void {
    const key = segments.join("/").normalize("NFC").toLowerCase();
    const previous = seen.get(key);
    if (previous !== undefined) {
      const same = previous === path ? "twice" : `and ${JSON.stringify(previous)}`;
      throw new BundleError(
        "archive_duplicate_name",
        `the upload holds ${JSON.stringify(path)} ${same}; each file may appear once ` +
          "(names are compared ignoring case and Unicode normalization)",
        { step: 1, file: path, expected: "unique names", found: `${path} duplicates ${previous}` },
      );
    }
    seen.set(key, path);
  }

  function nested(path: string): never {
    const allowed = options.allowFolder
      ? "at the root or under one top folder"
      : "without a folder";
    throw new BundleError(
      "archive_nested_folder",
      `entry ${JSON.stringify(path)} is in a nested folder; files must be ${allowed}`,
      { step: 1, file: path, expected: allowed, found: path },
    );
  }

  function placeInFolder(folder: string | null, path: string): void {
    if (folder === null) rootFile ??= path;
    else folders.set(folder.normalize("NFC").toLowerCase(), folder);
    if (folders.size > 1 || (folders.size === 1 && rootFile !== null)) {
      const places = [...folders.values()].map((name) => `${name}/`);
      if (rootFile !== null) places.unshift("the root");
      throw new BundleError(
        "archive_layout",
        `the archive has files in ${places.join(" and ")}; put all files at the root or all ` +
          "under one top folder",
        { step: 1, file: path, expected: "one place for all files", found: places.join(", ") },
      );
    }
  }

  return {
    addDirectory(path) {
      const segments = pathSegments(path, { directory: true });
      if (segments.length === 0) return;
      claim(path, segments);
      if (segments.length > 1 || !options.allowFolder) nested(path);
      placeInFolder(segments[0]!, path);
    },
    addFile(path) {
      const segments = pathSegments(path);
      claim(path, segments);
      if (segments.length > (options.allowFolder ? 2 : 1)) nested(path);
      const name = segments.at(-1)!;
      assertBundleFileName(name, path);
      placeInFolder(segments.length === 2 ? segments[0]! : null, path);
      return name;
    },
    topFolder() {
      return folders.size === 1 ? [...folders.values()][0]! : null;
    },
  };
}

/** C0 controls, DEL, and U+FFFD (what a lenient decoder puts where bytes were not UTF-8). */
function hasControlOrReplacement(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x20 || code === 0x7f || code === 0xfffd) return true;
  }
  return false;
}
