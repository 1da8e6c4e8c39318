// Where the server spends its time under load: the app runs with V8's sampling profiler
// (`deno run --cpu-prof`) while autocannon drives one URL, and the profile's self time is
// summed per function and per package.
import { fmt, load, type LoadResult, startAppProcess } from "../lib.ts";

interface ProfileNode {
  id: number;
  children?: number[];
  callFrame: { functionName: string; url: string; lineNumber: number };
}
interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

export interface ProfileSummary {
  load: LoadResult;
  /** Sampled time in ms, idle excluded. */
  busyMs: number;
  functions: { name: string; ms: number }[];
  groups: { name: string; ms: number }[];
  /** Per origin, the time of samples with at least one of its frames on the stack. */
  inclusive: { name: string; ms: number }[];
  /** The same per function of the app's own code. */
  ownInclusive: { name: string; ms: number }[];
}

const OWN = /^(lib\/|routes|components|islands|main\.ts)/;

/** Where a script comes from: an npm package, a JSR package, the app's own folder, or V8. */
function groupOf(url: string, functionName: string): string {
  if (!url) return functionName.startsWith("op_") ? "deno ops" : functionName || "(native)";
  const npm = /node_modules\/(?:\.deno\/[^/]+\/node_modules\/)?((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (npm) return `npm:${npm[1]}`;
  const jsr = /jsr\.io\/(@[^/]+\/[^/]+)/.exec(url);
  if (jsr) return `jsr:${jsr[1]}`;
  if (url.startsWith("ext:") || url.startsWith("node:")) return "deno runtime";
  const own = /\/(lib\/[^/]+|routes|components|islands|main\.ts)/.exec(url);
  return own ? own[1]! : url.replace(/^.*\//, "");
}

/** A function as `name file:line`, the file relative to node_modules, jsr.io or the checkout. */
function frameName(frame: ProfileNode["callFrame"]): string {
  const { functionName, url, lineNumber } = frame;
  if (!url) return functionName;
  const file = url.replace(/^.*\/(node_modules|jsr\.io)\//, "").replace(ROOT, "");
  return `${functionName || "(anonymous)"} ${file}:${lineNumber + 1}`;
}

const ROOT = new URL("../../", import.meta.url).href;

function summarise(profile: CpuProfile, result: LoadResult): ProfileSummary {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const inclusive = new Map<string, number>();
  const ownInclusive = new Map<string, number>();
  const fns = new Map<string, number>();
  const groups = new Map<string, number>();
  let busy = 0;
  profile.samples.forEach((id, i) => {
    const node = byId.get(id)!;
    const { functionName, url } = node.callFrame;
    if (functionName === "(idle)") return;
    const us = profile.timeDeltas[i] ?? 0;
    busy += us;
    const name = frameName(node.callFrame);
    fns.set(name, (fns.get(name) ?? 0) + us);
    const group = groupOf(url, functionName);
    groups.set(group, (groups.get(group) ?? 0) + us);
    const onStack = new Set<string>();
    const ownOnStack = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const frame = byId.get(at)!.callFrame;
      if (!frame.url) continue;
      const g = groupOf(frame.url, frame.functionName);
      onStack.add(g);
      if (OWN.test(g)) ownOnStack.add(frameName(frame));
    }
    for (const g of onStack) inclusive.set(g, (inclusive.get(g) ?? 0) + us);
    for (const f of ownOnStack) ownInclusive.set(f, (ownInclusive.get(f) ?? 0) + us);
  });
  const top = (m: Map<string, number>, n: number) =>
    [...m].sort((a, b) => b[1] - a[1]).slice(0, n).map(([name, us]) => ({ name, ms: us / 1000 }));
  return {
    load: result,
    busyMs: busy / 1000,
    functions: top(fns, 15),
    groups: top(groups, 10),
    inclusive: top(inclusive, 10),
    ownInclusive: top(ownInclusive, 15),
  };
}

/** Profiles the app serving `path` (with `headers`) under 16 connections for `seconds`. */
export async function profileApp(
  options: {
    dir: string;
    env: Record<string, string>;
    flags: string[];
    path: string;
    headers?: Record<string, string>;
    seconds: number;
  },
): Promise<ProfileSummary> {
  const profDir = await Deno.makeTempDir({ dir: options.dir, prefix: "prof-" });
  let result: LoadResult;
  {
    await using app = await startAppProcess({
      entry: "bench/peers/profiled_main.ts",
      flags: [...options.flags, "--cpu-prof", `--cpu-prof-dir=${profDir}`],
      env: options.env,
    });
    await load(`${app.url}${options.path}`, { seconds: 2, headers: options.headers });
    result = await load(`${app.url}${options.path}`, {
      seconds: options.seconds,
      headers: options.headers,
    });
  }
  const [file] = [...Deno.readDirSync(profDir)].filter((e) => e.name.endsWith(".cpuprofile"));
  if (!file) throw new Error("the profiled server wrote no .cpuprofile");
  const profile = JSON.parse(await Deno.readTextFile(`${profDir}/${file.name}`));
  return summarise(profile, result);
}

/** A Markdown table of the top self-time functions and packages, as shares of busy time. */
export function profileMarkdown(title: string, s: ProfileSummary): string {
  const pct = (ms: number) => `${fmt((ms / s.busyMs) * 100, 1)}%`;
  return `**${title}** (${fmt(s.load.requestsPerSec)} requests/s while profiled; ${
    fmt(s.busyMs)
  } ms of busy samples, warm-up included):

| function (self time) | share | | the app's own function, with callees | share |
|---|---:|---|---|---:|
${
    s.functions.map((f, i) => {
      const own = s.ownInclusive[i];
      return `| \`${f.name}\` | ${pct(f.ms)} | | ${
        own ? `\`${own.name}\` | ${pct(own.ms)}` : "|"
      } |`;
    }).join("\n")
  }

Self time by origin: ${s.groups.map((g) => `${g.name} ${pct(g.ms)}`).join(", ")}.

With callees (samples with a frame of that origin on the stack): ${
    s.inclusive.map((g) => `${g.name} ${pct(g.ms)}`).join(", ")
  }.`;
}
