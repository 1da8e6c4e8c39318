import { assert } from "./helpers/assert.ts";
import { WRITE_WINDOW, writeFileBytes } from "@/lib/files.ts";

Deno.test("a file written in windows holds exactly the bytes given, and replaces a longer one", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const path = `${dir}/blob`;
    // Two and a half windows and an odd byte, so no write lines up with the end.
    const bytes = new Uint8Array(WRITE_WINDOW * 2.5 + 1);
    for (let at = 0; at < bytes.length; at += 65536) {
      crypto.getRandomValues(bytes.subarray(at, at + 65536));
    }
    await Deno.writeFile(path, new Uint8Array(bytes.length + 100).fill(7));
    await writeFileBytes(path, bytes);
    assert.deepEqual(await Deno.readFile(path), bytes);
    await writeFileBytes(path, new Uint8Array(0));
    assert.equal((await Deno.stat(path)).size, 0);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
