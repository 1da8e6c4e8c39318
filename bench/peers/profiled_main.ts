// main.ts for a profiled run: exits on SIGTERM through Deno.exit, so that `--cpu-prof` writes
// its profile (a process killed by the signal writes none).
import { serve } from "../../main.ts";

Deno.addSignalListener("SIGTERM", () => Deno.exit(0));
await serve();
