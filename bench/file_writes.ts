// The cost of writing a 10 MiB blob to a new file, as one write(2) and in windows, with the
// fsync a blob store does (lib/files.ts). Each way writes a fresh file per round, the ways
// alternating; the figures are medians of wall time and of the process's CPU time (user and
// system: the kernel's part of a write is where the difference lies).
import { cpuUsage } from "node:process";
import { MiB } from "../lib/bytes.ts";
import { fmt, loadAverage, machine, median, writeSection } from "./lib.ts";

const ROUNDS = 9;
const SIZE = 10 * MiB;
const WAYS: [string, number][] = [
  ["one write of 10 MiB", SIZE],
  ["writes of 4 MiB", 4 * MiB],
  ["writes of 1 MiB (lib/files.ts)", MiB],
  ["writes of 256 KiB", 256 * 1024],
];

export async function benchFileWrites(): Promise<void> {
  const dir = await Deno.makeTempDir({ prefix: "inactu-writes-" });
  try {
    const bytes = new Uint8Array(SIZE);
    // Incompressible, like a wasm in the publish benchmark; getRandomValues fills 64 KiB a call.
    for (let at = 0; at < SIZE; at += 65536) crypto.getRandomValues(bytes.subarray(at, at + 65536));
    const results = WAYS.map(() => ({ wall: [] as number[], cpu: [] as number[] }));
    const loadBefore = await loadAverage();
    let n = 0;
    for (let round = 0; round < ROUNDS; round++) {
      for (const [i, [, window]] of WAYS.entries()) {
        const cpu = cpuUsage();
        const started = performance.now();
        using file = await Deno.open(`${dir}/${n++}`, { write: true, createNew: true });
        for (let at = 0; at < SIZE;) at += await file.write(bytes.subarray(at, at + window));
        await file.sync();
        const used = cpuUsage(cpu);
        if (round === 0) continue; // warm-up
        results[i]!.wall.push(performance.now() - started);
        results[i]!.cpu.push((used.user + used.system) / 1000);
      }
    }
    const rows = WAYS.map(([name], i) =>
      `| ${name} | ${fmt(median(results[i]!.wall), 1)} | ${fmt(median(results[i]!.cpu), 1)} |`
    );
    await writeSection(
      "file-writes",
      `## Writing a blob to a file (issue 15)

\`deno task bench file-writes\` (${new Date().toISOString().slice(0, 10)}, ${await machine()};
load average ${loadBefore} when it started). A 10 MiB file of random bytes, created, written and
fsynced, ${ROUNDS - 1} rounds after a warm-up, the ways alternating; medians.

| how the bytes are written | wall ms (write + fsync) | process CPU ms |
|---|---:|---:|
${rows.join("\n")}

The blob store and the pull command write through \`lib/files.ts\` (1 MiB at a time).`,
    );
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

if (import.meta.main) await benchFileWrites();
