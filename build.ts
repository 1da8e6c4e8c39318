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
  // Loaded after the build wrote routes.gen.ts: building the app applies its route rules, so a
  // route that declares no access fails the build too (see main.ts ROUTE_RULES).
  const [{ default: manifest }, { ROUTE_RULES }, { createFreshApp }] = await Promise.all([
    import("./routes.gen.ts"),
    import("./main.ts"),
    import("./lib/framework/app.ts"),
  ]);
  createFreshApp({ manifest, assets, origin: "http://localhost", ...ROUTE_RULES });
  const ms = Math.round(performance.now() - started);
  console.log(`built ${Object.keys(assets.islands).length} islands and the stylesheet in ${ms} ms`);
} catch (e) {
  console.error(`build failed: ${e instanceof Error ? e.message : e}`);
  Deno.exit(1);
}
