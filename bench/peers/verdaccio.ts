// deno-lint-ignore-file no-console -- benchmark output
// Verdaccio for the side-by-side benchmark: installed on demand into bench/peers/verdaccio
// (`npm ci` from the committed lock file), started on 127.0.0.1 with a config of its own
// defaults except where a benchmark on one machine needs otherwise (see `config`).
import { freePort, type ServerProcess, startProcess } from "../lib.ts";

const HOME = new URL("./verdaccio/", import.meta.url).pathname;
const BIN = `${HOME}node_modules/verdaccio/bin/verdaccio`;

/** Runs `npm ci` in bench/peers/verdaccio unless Verdaccio is already there. */
export async function installVerdaccio(): Promise<string> {
  const installed = await Deno.stat(BIN).then(() => true, () => false);
  if (!installed) {
    console.log("installing Verdaccio into bench/peers/verdaccio (npm ci)...");
    const out = await new Deno.Command("npm", {
      args: ["ci", "--no-audit", "--no-fund", "--loglevel=error"],
      cwd: HOME,
      stdout: "inherit",
      stderr: "inherit",
    }).output();
    if (!out.success) throw new Error("npm ci in bench/peers/verdaccio failed");
  }
  const pkg = JSON.parse(await Deno.readTextFile(`${HOME}node_modules/verdaccio/package.json`));
  return pkg.version;
}

/**
 * Verdaccio's defaults, except: storage and users in a temp dir; no uplink (the default proxies
 * every package to registry.npmjs.org, which would put the network into each packument read);
 * logging at warn; a body limit above the 10 MiB package (the default, 10mb, refuses it once
 * base64 is added).
 */
function config(dir: string): string {
  return `storage: ${dir}/storage
auth:
  htpasswd:
    file: ${dir}/htpasswd
uplinks: {}
packages:
  '**':
    access: $all
    publish: $authenticated
    unpublish: $authenticated
max_body_size: 100mb
log: { type: stdout, format: pretty, level: warn }
`;
}

export interface Verdaccio extends ServerProcess {
  token: string;
}

/** Starts Verdaccio and registers a user (what `npm adduser` does); the user's token is kept. */
export async function startVerdaccio(dir: string): Promise<Verdaccio> {
  await Deno.mkdir(dir, { recursive: true });
  await Deno.writeTextFile(`${dir}/config.yaml`, config(dir));
  const port = freePort();
  const url = `http://127.0.0.1:${port}`;
  const server = await startProcess({
    command: "node",
    args: [BIN, "--config", `${dir}/config.yaml`, "--listen", `127.0.0.1:${port}`],
    env: { NODE_ENV: "production" },
    url,
    probe: "/-/ping",
  });
  try {
    const res = await fetch(`${url}/-/user/org.couchdb.user:bench`, {
      method: "PUT",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ name: "bench", password: "correct horse battery staple" }),
    });
    const body = await res.json();
    if (res.status !== 201 || !body.token) {
      throw new Error(`Verdaccio adduser answered ${res.status}: ${JSON.stringify(body)}`);
    }
    return Object.assign(server, { token: body.token as string });
  } catch (e) {
    await server[Symbol.asyncDispose]();
    throw e;
  }
}

/** The body `npm publish` sends: the packument of one new version, the tarball attached. */
export async function publishBody(
  registry: string,
  name: string,
  version: string,
  tarball: Uint8Array,
): Promise<string> {
  const file = `${name}-${version}.tgz`;
  const sha1 = await crypto.subtle.digest("SHA-1", tarball as Uint8Array<ArrayBuffer>);
  const sha512 = await crypto.subtle.digest("SHA-512", tarball as Uint8Array<ArrayBuffer>);
  const hex = Array.from(new Uint8Array(sha1), (b) => b.toString(16).padStart(2, "0")).join("");
  const manifest = {
    name,
    version,
    description: "A benchmark package",
    main: "index.js",
    license: "MIT",
    readme: "# bench\n\nA benchmark package.\n",
    _id: `${name}@${version}`,
    dist: {
      integrity: `sha512-${btoa(String.fromCharCode(...new Uint8Array(sha512)))}`,
      shasum: hex,
      tarball: `${registry}/${name}/-/${file}`,
    },
  };
  return JSON.stringify({
    _id: name,
    name,
    description: manifest.description,
    "dist-tags": { latest: version },
    versions: { [version]: manifest },
    readme: manifest.readme,
    _attachments: {
      [file]: {
        content_type: "application/octet-stream",
        data: base64(tarball),
        length: tarball.byteLength,
      },
    },
  });
}

function base64(bytes: Uint8Array): string {
  let out = "";
  for (let i = 0; i < bytes.length; i += 0x8000) {
    out += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(out);
}
