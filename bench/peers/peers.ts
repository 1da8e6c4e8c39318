// deno-lint-ignore-file no-console -- benchmark output
// This app next to Verdaccio on the same machine in the same run: publishing a 10 MiB package,
// and reading a public package (our HTML page, Verdaccio's packument), fresh and revalidated.
// Every figure is a ratio of the two measured in alternating rounds (lib.ts `interleaved`).
import {
  interleaved,
  load,
  loadAverage,
  machine,
  median,
  productionFlags,
  startAppProcess,
} from "../lib.ts";
import { seedAccounts } from "../seed.ts";
import { bundle } from "../packages.ts";
import { installVerdaccio, publishBody, startVerdaccio } from "./verdaccio.ts";
import { profileApp } from "./profile.ts";
import { writePeersSection } from "./report.ts";

const MiB = 1024 * 1024;
/** Publishes measured on each side after one warm-up publish. */
const PUBLISHES = 5;
const ROUNDS = 5;
const ROUND_SECONDS = 4;
const PROFILE_SECONDS = 8;

/** One request through curl (a separate process, like a CLI); its time_total in ms. */
async function curl(expect: number, args: string[]): Promise<number> {
  const out = await new Deno.Command("curl", {
    // No `Expect: 100-continue`: npm does not send it, and it would add a round trip.
    args: [
      "-sS",
      "--max-time",
      "120",
      "-o",
      "/dev/null",
      "-w",
      "%{http_code} %{time_total}",
      "-H",
      "Expect:",
      ...args,
    ],
    stdout: "piped",
  }).output();
  const [code, seconds] = new TextDecoder().decode(out.stdout).split(" ");
  if (Number(code) !== expect) throw new Error(`curl ${args.at(-1)} answered ${code}`);
  return Number(seconds) * 1000;
}

async function nodeVersion(): Promise<string> {
  const out = await new Deno.Command("node", { args: ["--version"], stdout: "piped" }).output();
  return new TextDecoder().decode(out.stdout).trim();
}

async function getOk(url: string) {
  const res = await fetch(url);
  const bytes = (await res.arrayBuffer()).byteLength;
  const etag = res.headers.get("etag");
  if (res.status !== 200 || !etag) throw new Error(`${url} answered ${res.status}, etag ${etag}`);
  const revalidated = await fetch(url, { headers: { "if-none-match": etag } });
  await revalidated.body?.cancel();
  if (revalidated.status !== 304) throw new Error(`${url} revalidated with ${revalidated.status}`);
  return { bytes, etag };
}

export async function benchPeers(): Promise<void> {
  const verdaccioVersion = await installVerdaccio();
  const dir = await Deno.makeTempDir({ prefix: "inactu-bench-peers-" });
  const loadBefore = await loadAverage();
  try {
    const dbUrl = `file:${dir}/app.db`;
    const seeded = await seedAccounts(dbUrl, 1);
    const env = { DATABASE_URL: dbUrl, BLOB_DIR: `${dir}/blobs` };
    const flags = productionFlags();

    // The same archives on both sides: signed bundles of incompressible bytes.
    const page = await bundle("bench.page", "1.0.0", 64 * 1024, 1000);
    const bigs = [];
    for (let i = 0; i <= PUBLISHES; i++) {
      const b = await bundle("bench.big", `1.${i}.0`, 10 * MiB, i + 1);
      const file = `${dir}/big-${i}.tar.gz`;
      await Deno.writeFile(file, b.archive);
      bigs.push({ version: `1.${i}.0`, archive: b.archive, file });
    }

    await using app = await startAppProcess({ env, flags });
    await using verdaccio = await startVerdaccio(`${dir}/verdaccio`);
    const appPublish = (file: string, name: string) =>
      curl(201, [
        "-F",
        `bundle=@${file};type=application/gzip`,
        "-H",
        `cookie: ${seeded.cookie}`,
        "-H",
        `origin: ${app.url}`,
        `${app.url}/v1/packages/${name}/versions?visibility=public`,
      ]);
    const verdaccioPublish = async (name: string, version: string, archive: Uint8Array) => {
      const body = `${dir}/verdaccio-${name}-${version}.json`;
      await Deno.writeTextFile(body, await publishBody(verdaccio.url, name, version, archive));
      return () =>
        curl(201, [
          "-X",
          "PUT",
          "-H",
          "content-type: application/json",
          "-H",
          `authorization: Bearer ${verdaccio.token}`,
          "--data-binary",
          `@${body}`,
          `${verdaccio.url}/${encodeURIComponent(name)}`,
        ]);
    };

    // Publish: a warm-up on each side, then alternating rounds (order swapped each round).
    const pageFile = `${dir}/page.tar.gz`;
    await Deno.writeFile(pageFile, page.archive);
    await appPublish(pageFile, "bench.page");
    await (await verdaccioPublish("bench.page", "1.0.0", page.archive))();
    await appPublish(bigs[0]!.file, "bench.big");
    await (await verdaccioPublish("bench.big", bigs[0]!.version, bigs[0]!.archive))();
    const ours: number[] = [];
    const theirs: number[] = [];
    for (let i = 1; i <= PUBLISHES; i++) {
      const big = bigs[i]!;
      const theirsNext = await verdaccioPublish("bench.big", big.version, big.archive);
      if (i % 2) {
        ours.push(await appPublish(big.file, "bench.big"));
        theirs.push(await theirsNext());
      } else {
        theirs.push(await theirsNext());
        ours.push(await appPublish(big.file, "bench.big"));
      }
    }
    const publishRatios = ours.map((ms, i) => ms / theirs[i]!);

    // Reading a public package: our HTML page against Verdaccio's packument, then both with
    // a matching If-None-Match.
    const pageUrl = `${app.url}/@bench0/bench.page`;
    const packumentUrl = `${verdaccio.url}/bench.page`;
    const ourPage = await getOk(pageUrl);
    const theirPage = await getOk(packumentUrl);
    const rounds = { rounds: ROUNDS, seconds: ROUND_SECONDS };
    const fresh = await interleaved(
      (seconds) => load(pageUrl, { seconds }),
      (seconds) => load(packumentUrl, { seconds }),
      rounds,
    );
    const revalidated = await interleaved(
      (seconds) => load(pageUrl, { seconds, headers: { "if-none-match": ourPage.etag } }),
      (seconds) => load(packumentUrl, { seconds, headers: { "if-none-match": theirPage.etag } }),
      rounds,
    );
    await app[Symbol.asyncDispose]();
    await verdaccio[Symbol.asyncDispose]();

    // Where the app's time goes, each request kind in a profiled server of its own.
    const profile = (headers?: Record<string, string>) =>
      profileApp({
        dir,
        env,
        flags,
        path: "/@bench0/bench.page",
        headers,
        seconds: PROFILE_SECONDS,
      });
    const profiles = {
      fresh: await profile(),
      revalidated: await profile({ "if-none-match": ourPage.etag }),
    };

    const md = await writePeersSection({
      date: new Date().toISOString().slice(0, 10),
      machine: await machine(),
      verdaccioVersion,
      nodeVersion: await nodeVersion(),
      settings: {
        publishes: PUBLISHES,
        rounds: ROUNDS,
        roundSeconds: ROUND_SECONDS,
        profileSeconds: PROFILE_SECONDS,
      },
      loadBefore,
      loadAfter: await loadAverage(),
      archiveBytes: bigs[1]!.archive.byteLength,
      publish: { ours, theirs, ratios: publishRatios, ratio: median(publishRatios) },
      pageBytes: ourPage.bytes,
      packumentBytes: theirPage.bytes,
      fresh,
      revalidated,
      profiles,
    });
    console.log(md);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}
