// docs/security.md X9 to X24, through the door an attacker uses: each hostile archive or
// manifest posted to the publish API is a 400 that says why, and nothing is stored (no
// package, version or blob row, no blob file). The same inputs are proved in detail where the
// archive is read and the bundle verified (tests/packages/bundle/).
import zlib from "node:zlib";
import { assert, assertIncludes } from "../helpers/assert.ts";
import { createTestApp, type TestApp } from "../helpers/app.ts";
import { asBrowser, createUser } from "../helpers/accounts.ts";
import { bundleForm, testSigner } from "../helpers/packages.ts";
import { concatBytes, type RawEntry, rawTar } from "../packages/bundle/raw_tar.ts";
import { buildBundle, packArchive } from "@/lib/packages/bundle/pack.ts";
import { buildRunModule } from "@/lib/packages/bundle/wasm.ts";

const NAME = "hostile.skill";
const gzip = (bytes: Uint8Array) => new Uint8Array(zlib.gzipSync(bytes));

async function bundleFiles(manifest?: Record<string, unknown>) {
  return await buildBundle(buildRunModule({ value: 1 }), {
    name: NAME,
    version: "1.0.0",
    signers: [await testSigner()],
    ...(manifest ? { manifest } : {}),
  });
}

/** The genuine bundle's entries with some replaced or added, as a gzipped tar. */
async function tarWith(change: (entries: RawEntry[]) => RawEntry[]): Promise<Uint8Array> {
  const entries = [...await bundleFiles()].map(([name, data]): RawEntry => ({ name, data }));
  return gzip(rawTar(change(entries)));
}

const replace = (entries: RawEntry[], name: string, entry: RawEntry) =>
  entries.map((e) => e.name === name ? entry : e);

async function manifestWith(change: Record<string, unknown>): Promise<Uint8Array> {
  return await packArchive(await bundleFiles(change), { format: "tar.gz" });
}

const CASES: [string, () => Promise<Uint8Array>, string][] = [
  ["X9 a tar entry ../x", () => tarWith((e) => [...e, { name: "../x", data: "x" }]), "contains .."],
  [
    "X10 an absolute path",
    () => tarWith((e) => [...e, { name: "/etc/passwd", data: "x" }]),
    "is an absolute path",
  ],
  [
    "X11 a symlink",
    () =>
      tarWith((e) =>
        replace(e, "skill.wasm", {
          name: "skill.wasm",
          type: "2",
          linkname: "/etc/passwd",
        })
      ),
    "is a symlink to",
  ],
  [
    "X12 a hard link",
    () =>
      tarWith((e) =>
        replace(e, "signatures.json", {
          name: "signatures.json",
          type: "1",
          linkname: "manifest.json",
        })
      ),
    "is a hard link to",
  ],
  [
    "X13 duplicate names",
    () =>
      tarWith((
        e,
      ) => [...e, { ...e.find((x) => x.name === "manifest.json")!, name: "MANIFEST.json" }]),
    "each file may appear once",
  ],
  [
    "X14 a gzip bomb",
    () => Promise.resolve(gzip(new Uint8Array(40 * 1024 * 1024))),
    "the limit for the unpacked total",
  ],
  [
    "X15 trailing bytes",
    async () => concatBytes([await tarWith((e) => e), new Uint8Array([1, 2, 3])]),
    "with nothing after",
  ],
  [
    "X16 a truncated stream",
    async () => {
      const whole = await tarWith((e) => e);
      return whole.subarray(0, Math.floor(whole.length / 2));
    },
    "the upload is truncated",
  ],
  [
    "X17 a zip renamed .tar.gz",
    () => Promise.resolve(new Uint8Array([0x50, 0x4b, 0x03, 0x04, ...new Uint8Array(300)])),
    "the upload is a zip archive",
  ],
  [
    "X18 a manifest with an extra key",
    () => manifestWith({ homepage: "https://x" }),
    'unknown key "homepage"',
  ],
  [
    "X19 an uppercase digest",
    () => manifestWith({ artifact: `sha256:${"AB".repeat(32)}` }),
    "artifact must be sha256: followed by 64 lowercase hex",
  ],
  [
    "X20 a name that differs",
    () => manifestWith({ name: "someone.else" }),
    "must match the package name",
  ],
  [
    "X21 a non-semver version",
    () => manifestWith({ version: "latest" }),
    "version must be valid semver",
  ],
  [
    "X22 the version v1.0.0",
    () => manifestWith({ version: "v1.0.0" }),
    'semver 2.0, such as 1.2.0; found "v1.0.0"',
  ],
  [
    "X23 the version 01.0.0",
    () => manifestWith({ version: "01.0.0" }),
    'semver 2.0, such as 1.2.0; found "01.0.0"',
  ],
  [
    "X24 a 1000-character version",
    () => manifestWith({ version: `1.0.0-${"x".repeat(994)}` }),
    "version must be valid semver 2.0 of at most 128 characters",
  ],
];

/** Rows and files that a publish would leave behind. */
async function stored(app: TestApp) {
  const client = app.services.database.client;
  const counts: Record<string, number> = {};
  for (const table of ["packages", "package_versions", "blobs", "staged_uploads"]) {
    counts[table] = Number((await client.execute(`SELECT count(*) AS n FROM ${table}`)).rows[0]!.n);
  }
  const files: string[] = [];
  const walk = async (dir: string) => {
    for await (const e of Deno.readDir(dir)) {
      if (e.isDirectory) await walk(`${dir}/${e.name}`);
      else files.push(e.name);
    }
  };
  await walk(`${app.dir}/blobs`).catch((error) => {
    if (!(error instanceof Deno.errors.NotFound)) throw error;
  });
  return { counts, files };
}

Deno.test("each hostile archive or manifest posted to the publish API is a 400 saying why, and nothing is stored", async () => {
  await using app = await createTestApp();
  const user = await createUser(app);
  const before = await stored(app);
  assert.equal(before.counts.package_versions, 0);
  for (const [what, archive, reason] of CASES) {
    const res = await app.request(`/v1/packages/${NAME}/versions`, {
      method: "POST",
      headers: asBrowser(app, user.cookie, false),
      body: bundleForm(await archive()),
    });
    const text = await res.text();
    assert.equal(res.status, 400, `${what}: ${text}`);
    assertIncludes(JSON.parse(text).error, reason);
    assert.deepEqual(await stored(app), before, `${what} stored something`);
  }
  // The same package with a genuine bundle is accepted, so the refusals were the inputs'.
  const ok = await app.request(`/v1/packages/${NAME}/versions`, {
    method: "POST",
    headers: asBrowser(app, user.cookie, false),
    body: bundleForm(await manifestWith({})),
  });
  assert.equal(ok.status, 201, await ok.text());
  // And what it stored is seen, so the comparison above could have failed.
  const after = await stored(app);
  assert.equal(after.counts.package_versions, 1);
  assert.equal(after.files.length, 2);
});
