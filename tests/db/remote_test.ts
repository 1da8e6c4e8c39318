import { assert } from "../helpers/assert.ts";

/** Opens `url` in a fresh Deno process and lists the native libSQL modules it loaded. */
async function nativeModulesLoadedFor(url: string): Promise<{ loaded: string[]; output: string }> {
  const script = `
    import { createRequire } from "node:module";
    const { openDatabase } = await import("@/lib/db/client.ts");
    const db = await openDatabase({ url: ${JSON.stringify(url)}, authToken: "t" });
    try { await db.client.execute("SELECT 1"); } catch (e) { console.error("query failed:", e.message); }
    db.close();
    const cache = Object.keys(createRequire(import.meta.url).cache);
    console.log(JSON.stringify(cache.filter((k) => /node_modules\\/(libsql|@libsql\\/linux)|\\.node$/.test(k))));
  `;
  const out = await new Deno.Command(Deno.execPath(), {
    args: [
      "eval",
      "--allow-net=127.0.0.1",
      "--allow-read",
      "--allow-write",
      "--allow-env",
      "--allow-sys",
      "--allow-ffi",
      script,
    ],
    stdout: "piped",
    stderr: "piped",
  }).output();
  const stdout = new TextDecoder().decode(out.stdout).trim();
  const output = stdout + new TextDecoder().decode(out.stderr);
  return { loaded: JSON.parse(stdout.split("\n").at(-1) ?? "null"), output };
}

Deno.test("a remote DATABASE_URL loads no native module; a file: URL does (the edge path stays native-free)", async () => {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const port = listener.addr.port;
  listener.close();
  const remote = await nativeModulesLoadedFor(`http://127.0.0.1:${port}`);
  assert.deepEqual(remote.loaded, [], remote.output);
  assert.match(remote.output, /query failed:/);

  const dir = await Deno.makeTempDir();
  try {
    const local = await nativeModulesLoadedFor(`file:${dir}/x.db`);
    assert.ok(local.loaded.some((k) => k.includes("node_modules/libsql/")), local.output);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
