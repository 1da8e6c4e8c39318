// deno task dev: rebuild (manifest, islands, styles), then serve; --watch restarts on change.
import twindConfig from "./twind.config.ts";
import { build } from "./lib/framework/build/build.ts";
import { serve } from "./main.ts";

await build({ root: Deno.cwd(), twind: twindConfig });
await serve();
