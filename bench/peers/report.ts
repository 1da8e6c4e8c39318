// The Markdown section of `deno task bench peers` in docs/benchmarks.md.
import { fmt, type Interleaved, median, writeSection } from "../lib.ts";
import { profileMarkdown, type ProfileSummary } from "./profile.ts";

export interface PeersFigures {
  date: string;
  machine: string;
  verdaccioVersion: string;
  nodeVersion: string;
  settings: { publishes: number; rounds: number; roundSeconds: number; profileSeconds: number };
  loadBefore: string;
  loadAfter: string;
  archiveBytes: number;
  publish: { ours: number[]; theirs: number[]; ratios: number[]; ratio: number };
  pageBytes: number;
  packumentBytes: number;
  fresh: Interleaved;
  revalidated: Interleaved;
  profiles: { fresh: ProfileSummary; revalidated: ProfileSummary };
}

const ratios = (xs: number[]) => xs.map((x) => `${fmt(x, 2)}x`).join(", ");
const met = (ok: boolean) => (ok ? "met" : "**missed**");

export async function writePeersSection(f: PeersFigures): Promise<string> {
  const p = f.publish;
  const rps = (i: Interleaved, side: "a" | "b") =>
    `${fmt(i[side].requestsPerSec)} req/s (p99 ${i[side].p99} ms)`;
  const md = `## Side by side with Verdaccio (issue 7)

\`deno task bench peers\` (${f.date}, ${f.machine}, Verdaccio ${f.verdaccioVersion} on Node
${f.nodeVersion}; load average ${f.loadBefore} when it started,
${f.loadAfter} when it ended: other work shared the two cores, which is why every figure below
is a ratio of the two servers measured in the same run, in alternating rounds).

Verdaccio runs with its defaults (installed by the task into bench/peers/verdaccio with
\`npm ci\`), except: storage in a temp dir, no uplink (the default proxies to
registry.npmjs.org), logging at warn, and \`max_body_size: 100mb\` (the default 10mb refuses a
10 MiB package once base64 is added). This app runs from this checkout with the flags of
\`deno task start\`, \`ACCESS_LOG=false\`, on a fresh database file. Both listen on 127.0.0.1.

| | this app | Verdaccio | ratio | target |
|---|---:|---:|---:|---:|
| publish, 10 MiB (median ms) | ${fmt(median(p.ours))} | ${fmt(median(p.theirs))} | **${
    fmt(p.ratio, 2)
  }x** | at most 0.5x (${met(p.ratio <= 0.5)}) |
| public package: our page (${fmt(f.pageBytes)} bytes of HTML) vs Verdaccio's packument (${
    fmt(f.packumentBytes)
  } bytes of JSON) | ${rps(f.fresh, "a")} | ${rps(f.fresh, "b")} | **${
    fmt(f.fresh.ratio, 2)
  }x** | at least 3x (${met(f.fresh.ratio >= 3)}) |
| the same with If-None-Match (304) | ${rps(f.revalidated, "a")} | ${rps(f.revalidated, "b")} | **${
    fmt(f.revalidated.ratio, 2)
  }x** | at least 6x (${met(f.revalidated.ratio >= 6)}) |

**Publish**: the same signed bundle of ${
    fmt(f.archiveBytes)
  } bytes (10 MiB of incompressible wasm, gzip) on
both sides, a new version each time, timed by curl (\`time_total\`, no \`Expect: 100-continue\`):
to this app as \`curl -F bundle=@...\` signed in; to Verdaccio as what \`npm publish\` sends, a
\`PUT /bench.big\` of the packument with the tarball attached in base64 (14 MB of JSON). One
warm-up publish each, then ${f.settings.publishes} alternating rounds; the ratio is the median of the
per-round ratios of our time to Verdaccio's. Ours: ${
    p.ours.map((x) => fmt(x)).join(", ")
  } ms; Verdaccio: ${p.theirs.map((x) => fmt(x)).join(", ")} ms; per round ${ratios(p.ratios)}.

**Reading a package**: autocannon (a separate Node process), 16 connections, ${f.settings.rounds}
alternating rounds of ${f.settings.roundSeconds} s per side after a 2 s warm-up each (the order swapped
each round); requests/s and p99 are each side's medians over its rounds, the ratio is the
median of the per-round ratios (ours over Verdaccio's). Per round: ${
    ratios(f.fresh.ratios)
  } (200); ${
    ratios(f.revalidated.ratios)
  } (304). The package is a one-version package published just before
(\`/@bench0/bench.page\` here, \`/bench.page\` there).

### Where a public page request spends its time

Each request kind in a server of its own, started like the one above but with
\`--cpu-prof\` (bench/peers/profiled_main.ts), under the same load for ${f.settings.profileSeconds} s;
self time per function and per origin, as a share of the sampled time that was not idle.

${profileMarkdown("Public package page, 200", f.profiles.fresh)}

${profileMarkdown("The same with If-None-Match, 304", f.profiles.revalidated)}`;
  await writeSection("peers", md);
  return md;
}
