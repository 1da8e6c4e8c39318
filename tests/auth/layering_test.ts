// The account domain knows nothing of HTTP: it throws DomainError and takes (services, actor,
// input), so neither lib/framework nor lib/define.ts (the framework's route state) is imported
// by lib/auth, lib/audit or lib/mail (docs/architecture.md, "Errors").
import { assert } from "../helpers/assert.ts";

const ROOT = new URL("../../", import.meta.url);

async function sources(dir: string): Promise<string[]> {
  const files: string[] = [];
  for await (const entry of Deno.readDir(new URL(dir, ROOT))) {
    if (entry.isFile && /\.tsx?$/.test(entry.name)) files.push(`${dir}/${entry.name}`);
    if (entry.isDirectory) files.push(...await sources(`${dir}/${entry.name}`));
  }
  return files;
}

Deno.test("the account domain imports nothing from the framework or the route state", async () => {
  const offenders: string[] = [];
  for (const dir of ["lib/auth", "lib/audit", "lib/mail"]) {
    for (const file of await sources(dir)) {
      const text = await Deno.readTextFile(new URL(file, ROOT));
      for (const [, target] of text.matchAll(/\bfrom\s+"([^"]+)"/g)) {
        if (/(^|\/)framework\/|(^|\/)define\.ts$/.test(target!)) {
          offenders.push(`${file} imports ${target}`);
        }
      }
    }
  }
  assert.deepEqual(offenders, []);
});
