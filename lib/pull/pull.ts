// `deno task pull`: resolve a range through the API, download the bundle, verify it with the
// verifier publishing uses, check that it is exactly what resolve reported (archive digest,
// artifact digest, manifest hash, keys digest, signer key fingerprints), and install it where
// the inactu CLI runs it (lib/pull/store.ts). Nothing is written unless every check passes.
import { sha256Digest } from "../artifacts/digest.ts";
import { readArchive } from "../packages/bundle/archive.ts";
import { verifyBundle } from "../packages/bundle/verify.ts";
import type { ResolvedJson } from "../packages/resolved.ts";
import type { PullSpec } from "./spec.ts";
import { type InstallMeta, writeInstall } from "./store.ts";

export interface PullOptions {
  /** The registry's origin, such as https://control.inactu.dev. */
  registry: string;
  /** For private packages: an API token with packages:read. */
  token?: string;
  /** The inactu home: the store and index.json go under it. */
  home: string;
  prerelease?: boolean;
  now?: () => Date;
  fetch?: typeof fetch;
}

export interface PullResult {
  resolved: ResolvedJson;
  dir: string;
  meta: InstallMeta;
}

/** Pulls and installs one package version; throws an Error that says what failed. */
export async function pull(spec: PullSpec, options: PullOptions): Promise<PullResult> {
  const get = options.fetch ?? fetch;
  const registry = new URL(options.registry);
  // The token goes to the registry only, never to a download URL on another origin.
  const headersFor = (url: URL): HeadersInit =>
    options.token && url.origin === registry.origin
      ? { authorization: `Bearer ${options.token}` }
      : {};
  const query = new URLSearchParams({ range: spec.range });
  if (options.prerelease) query.set("prerelease", "true");
  const resolveUrl = new URL(
    `/v1/packages/@${encodeURIComponent(spec.owner)}/${encodeURIComponent(spec.name)}/resolve?` +
      query,
    registry,
  );
  const answer = await get(resolveUrl, { headers: headersFor(resolveUrl) });
  if (!answer.ok) throw new Error(`resolving ${describe(spec)}: ${await problem(answer)}`);
  const resolved = await answer.json() as ResolvedJson;
  const bundleUrl = new URL(resolved.downloads.bundle, registry);
  const download = await get(bundleUrl, { headers: headersFor(bundleUrl) });
  if (!download.ok) throw new Error(`downloading ${bundleUrl}: ${await problem(download)}`);
  const bytes = new Uint8Array(await download.arrayBuffer());
  const files = await checkBundle(bytes, resolved);
  const meta: InstallMeta = {
    schema_version: "1.0.0",
    skill: resolved.archive_digest,
    source: bundleUrl.href,
    manifest_name: resolved.package,
    manifest_version: resolved.version,
    installed_at: Math.floor((options.now?.() ?? new Date()).getTime() / 1000),
  };
  const dir = await writeInstall(options.home, files, meta);
  return { resolved, dir, meta };
}

/** Verifies the bundle and that it is the one resolve described; returns its files. */
export async function checkBundle(bytes: Uint8Array, resolved: ResolvedJson) {
  const mismatch = (what: string, expected: unknown, found: unknown) =>
    new Error(
      `the downloaded bundle is not what the registry resolved: ${what} is ${found}, ` +
        `expected ${expected}; nothing was installed`,
    );
  const archiveDigest = await sha256Digest(bytes);
  if (archiveDigest !== resolved.archive_digest) {
    throw mismatch("the archive digest", resolved.archive_digest, archiveDigest);
  }
  const { files } = await readArchive(bytes);
  // The same checks as publishing: the experimental gate was the registry's to apply.
  const report = await verifyBundle(files, {
    packageName: resolved.package,
    experimentalManifests: true,
  });
  if (!report.ok) {
    throw new Error(
      `the bundle does not verify (step ${report.error?.step}): ${report.error?.message}; ` +
        "nothing was installed",
    );
  }
  const facts: [string, unknown, unknown][] = [
    ["the version", resolved.version, report.version],
    ["the artifact digest", resolved.artifact_digest, report.artifactDigest],
    ["the manifest hash", resolved.manifest_hash, report.manifestHash],
    [
      "the signer key fingerprints",
      fingerprints(resolved.signers.map((s) => [s.signer, s.fingerprint])),
      fingerprints(report.signers.filter((s) => s.verified).map((s) => [s.signer, s.keyDigest])),
    ],
    ["the keys digest", resolved.keys_digest, report.keysDigest],
  ];
  for (const [what, expected, found] of facts) {
    if (expected !== found) throw mismatch(what, expected, found);
  }
  return files;
}

function fingerprints(pairs: [string, string | null][]): string {
  return pairs.map(([signer, key]) => `${signer}=${key}`).sort().join(", ");
}

function describe(spec: PullSpec): string {
  return `@${spec.owner}/${spec.name}@${spec.range}`;
}

async function problem(res: Response): Promise<string> {
  const text = await res.text();
  try {
    return `${res.status}: ${JSON.parse(text).error ?? text}`;
  } catch {
    return `${res.status}: ${text.slice(0, 200)}`;
  }
}
