// Writing large byte arrays to files. One write(2) of several MiB into a new file costs about
// ten times what the same bytes cost in writes of 1 MiB on the machines we measured (a 10 MiB
// blob: about 29 ms against 3 ms, most of it kernel CPU; `deno task bench file-writes`), so every file
// the app writes from a byte array goes through here.
import { MiB } from "./bytes.ts";

/** The largest single write. */
export const WRITE_WINDOW = MiB;

/** Writes all of `bytes` to `file` at its position, at most WRITE_WINDOW at a time. */
export async function writeBytes(file: Deno.FsFile, bytes: Uint8Array): Promise<void> {
  for (let at = 0; at < bytes.byteLength;) {
    at += await file.write(bytes.subarray(at, at + WRITE_WINDOW));
  }
}

/** Deno.writeFile (create or truncate), in writes of at most WRITE_WINDOW. */
export async function writeFileBytes(path: string, bytes: Uint8Array): Promise<void> {
  using file = await Deno.open(path, { write: true, create: true, truncate: true });
  await writeBytes(file, bytes);
}
