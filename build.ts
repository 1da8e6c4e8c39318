// deno-lint-ignore-file no-console -- a command-line entry point
// deno task build: regenerate routes.gen.ts, bundle islands, build the stylesheet.
// With --check (used by `deno task test`), a stale routes.gen.ts fails instead of being rewritten.
import twindConfig from "./twind.config.ts";
import { build } from "./lib/framework/build/build.ts";

const started = performance.now();
try {
  const assets = await build({
    root: Deno.cwd(),
    twind: twindConfig,
    checkManifest: Deno.args.includes("--check"),
  });
  const ms = Math.round(performance.now() - started);
  console.log(`built ${Object.keys(assets.islands).length} islands and the stylesheet in ${ms} ms`);
} catch (e) {
  console.error(`build failed: ${e instanceof Error ? e.message : e}`);
  Deno.exit(1);
}
