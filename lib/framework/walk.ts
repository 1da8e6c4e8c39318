/** Paths of the files under `dir`, relative to it (`a/b.ts`); none when `dir` does not exist. */
export async function* walkFiles(dir: string, rel = ""): AsyncGenerator<string> {
  let entries: Deno.DirEntry[];
  try {
    entries = await Array.fromAsync(Deno.readDir(rel ? `${dir}/${rel}` : dir));
  } catch (e) {
    if (e instanceof Deno.errors.NotFound) return;
    throw e;
  }
  for (const entry of entries) {
    const path = rel ? `${rel}/${entry.name}` : entry.name;
    if (entry.isDirectory) yield* walkFiles(dir, path);
    else if (entry.isFile) yield path;
  }
}
