// deno-lint-ignore-file no-console -- a command-line entry point
// Writes docs/openapi.json from the route table; with --check, fails when the committed file
// differs (run by `deno task test`, as build.ts --check does for routes.gen.ts).
import manifest from "../routes.gen.ts";
import { documentText } from "../lib/openapi/served.ts";

const path = new URL("../docs/openapi.json", import.meta.url);
const text = documentText(manifest);
if (Deno.args.includes("--check")) {
  const committed = await Deno.readTextFile(path).catch(() => "");
  if (committed !== text) {
    console.error("docs/openapi.json is stale: run `deno task openapi` and commit it");
    Deno.exit(1);
  }
} else {
  await Deno.writeTextFile(path, text);
}
