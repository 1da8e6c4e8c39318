// Domain modules know nothing of HTTP: lib/packages and lib/artifacts never import the
// framework or lib/define.ts (requests, responses and route handlers live in lib/http and the
// routes), so every door calls the same commands.
import { assert } from "../helpers/assert.ts";

const DOMAINS = ["lib/packages", "lib/artifacts"];
const FORBIDDEN = /from\s+["'][^"']*(?:\/framework\/|\/define\.ts)["']/;

async function* modules(dir: string): AsyncGenerator<string> {
  for await (const entry of Deno.readDir(dir)) {
    const path = `${dir}/${entry.name}`;
    if (entry.isDirectory) yield* modules(path);
    else if (/\.tsx?$/.test(entry.name)) yield path;
  }
}

Deno.test("no module of lib/packages or lib/artifacts imports the framework or lib/define.ts", async () => {
  const offenders: string[] = [];
  for (const dir of DOMAINS) {
    for await (const path of modules(dir)) {
      const lines = (await Deno.readTextFile(path)).split("\n");
      lines.forEach((line, i) => {
        if (FORBIDDEN.test(line)) offenders.push(`${path}:${i + 1}: ${line.trim()}`);
      });
    }
  }
  assert.deepEqual(offenders, []);
});
