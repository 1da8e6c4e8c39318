// deno-lint-ignore-file no-console -- a command-line entry point
// deno task bench [name...]: runs benchmarks and writes their sections of docs/benchmarks.md.
import { benchShell } from "./shell.ts";
import { benchAuth } from "./auth.ts";
import { benchLogs } from "./logs.ts";
import { benchLogStores } from "./log_stores.ts";
import { benchPackages } from "./packages.ts";
import { benchPeers } from "./peers/peers.ts";
import { benchFileWrites } from "./file_writes.ts";

const BENCHES: Record<string, () => Promise<void>> = {
  shell: benchShell,
  auth: benchAuth,
  logs: benchLogs,
  "log-stores": benchLogStores,
  packages: benchPackages,
  peers: benchPeers,
  "file-writes": benchFileWrites,
};

const names = Deno.args.length ? Deno.args : Object.keys(BENCHES);
for (const name of names) {
  const run = BENCHES[name];
  if (!run) {
    console.error(`unknown benchmark ${name}; known: ${Object.keys(BENCHES).join(", ")}`);
    Deno.exit(2);
  }
  console.log(`running ${name}...`);
  await run();
}
