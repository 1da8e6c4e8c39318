// Where a pulled skill goes: the inactu CLI's local store (spec/install/README.md of the
// provenact specification). $INACTU_HOME (default ~/.inactu) holds `store/sha256/<hex>/` per
// installed archive digest, with the bundle's files and `meta.json`
// (spec/install/meta.schema.json), and `index.json` listing every install
// (spec/install/index.schema.json), sorted by digest, one entry per digest.
import { join } from "node:path";
import type { BundleFiles } from "../packages/bundle/limits.ts";
import { writeFileBytes } from "../files.ts";

/** meta.json of one installed skill. */
export interface InstallMeta {
  schema_version: "1.0.0";
  /** The archive's digest: the store folder's name. */
  skill: string;
  /** Where it came from: the download URL. */
  source: string;
  manifest_name: string;
  manifest_version: string;
  /** Unix seconds. */
  installed_at: number;
}

interface IndexEntry extends Omit<InstallMeta, "schema_version"> {
  store: string;
}

/** Writes the bundle's files and meta.json under the store, then updates index.json. */
export async function writeInstall(
  home: string,
  files: BundleFiles,
  meta: InstallMeta,
): Promise<string> {
  const dir = join(home, "store", "sha256", meta.skill.slice("sha256:".length));
  await Deno.mkdir(dir, { recursive: true });
  for (const [name, bytes] of files) await writeFileBytes(join(dir, name), bytes);
  // meta.json last: a store folder with meta.json is a complete install.
  await writeJson(join(dir, "meta.json"), meta);
  const indexPath = join(home, "index.json");
  const index = await readIndex(indexPath);
  const { schema_version: _, ...rest } = meta;
  const entries = index.filter((e) => e.skill !== meta.skill);
  entries.push({ ...rest, store: dir });
  entries.sort((a, b) => a.skill < b.skill ? -1 : a.skill > b.skill ? 1 : 0);
  await writeJson(indexPath, { schema_version: "1.0.0", entries });
  return dir;
}

async function readIndex(path: string): Promise<IndexEntry[]> {
  try {
    const parsed = JSON.parse(await Deno.readTextFile(path));
    return Array.isArray(parsed?.entries) ? parsed.entries : [];
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return [];
    throw new Error(`${path} is not a readable install index: ${String(error)}`);
  }
}

// Written beside and renamed, so a crash never leaves half a JSON file.
async function writeJson(path: string, value: unknown): Promise<void> {
  const tmp = `${path}.tmp-${crypto.randomUUID()}`;
  await Deno.writeTextFile(tmp, JSON.stringify(value, null, 2) + "\n");
  await Deno.rename(tmp, path);
}
