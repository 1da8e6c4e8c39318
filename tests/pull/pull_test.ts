// `deno task pull` against a running instance: resolve, download, verify, install with the
// install metadata of the inactu spec (checked with ajv against its schema).
import { assert, assertIncludes } from "../helpers/assert.ts";
import { startServer } from "../helpers/server.ts";
import { createToken, createUser } from "../helpers/accounts.ts";
import { bundleArchive, publishTestVersion } from "../helpers/packages.ts";
import { Ajv2020 } from "ajv/dist/2020.js";
import { parsePullSpec } from "@/lib/pull/spec.ts";
import { checkBundle, pull } from "@/lib/pull/pull.ts";
import { sha256Digest } from "@/lib/artifacts/digest.ts";
import { generateSigner } from "@/lib/packages/bundle/pack.ts";

const ROOT = new URL("../../", import.meta.url).pathname;

/** A validator for the spec's install schemas (JSON Schema 2020-12), as the spec states them. */
async function installSchema(name: "meta" | "index") {
  const path = `../fixtures/inactu-spec/spec/install/${name}.schema.json`;
  const schema = JSON.parse(await Deno.readTextFile(new URL(path, import.meta.url)));
  const validate = new Ajv2020({ allErrors: true }).compile(schema);
  return (value: unknown) => validate(value) as boolean;
}

Deno.test("deno task pull fetches, verifies and installs a real published bundle from a running instance", async () => {
  await using server = await startServer();
  const owner = await createUser(server.app);
  await publishTestVersion(server.app, owner, "pull.skill", "1.0.0", { visibility: "public" });
  await publishTestVersion(server.app, owner, "pull.skill", "1.2.0", {
    visibility: "public",
    value: 12,
  });
  const home = await Deno.makeTempDir({ prefix: "inactu-home-" });
  try {
    const run = await new Deno.Command(Deno.execPath(), {
      args: [
        "run",
        "--allow-net=127.0.0.1",
        "--allow-read",
        "--allow-write",
        "--allow-env",
        `${ROOT}scripts/pull.ts`,
        `@${owner.handle}/pull.skill@^1.1`,
        "--registry",
        server.url,
        "--home",
        home,
      ],
      cwd: ROOT,
      env: { INACTU_TOKEN: "" },
      stdout: "piped",
      stderr: "piped",
    }).output();
    const out = new TextDecoder().decode(run.stdout);
    assert.equal(run.code, 0, new TextDecoder().decode(run.stderr));
    assertIncludes(out, `pulled @${owner.handle}/pull.skill@1.2.0`);

    const index = JSON.parse(await Deno.readTextFile(`${home}/index.json`));
    assert.equal(index.entries.length, 1);
    const entry = index.entries[0];
    const meta = JSON.parse(await Deno.readTextFile(`${entry.store}/meta.json`));
    const validMeta = await installSchema("meta");
    const validIndex = await installSchema("index");
    assert.ok(validMeta(meta), JSON.stringify(meta));
    assert.ok(validIndex(index), JSON.stringify(index));
    assert.equal(meta.manifest_name, "pull.skill");
    assert.equal(meta.manifest_version, "1.2.0");
    assert.equal(entry.store, `${home}/store/sha256/${meta.skill.slice(7)}`);
    // The store holds the bundle's files: what `inactu run` reads.
    const wasm = await Deno.readFile(`${entry.store}/skill.wasm`);
    const manifest = JSON.parse(await Deno.readTextFile(`${entry.store}/manifest.json`));
    assert.equal(manifest.artifact, await sha256Digest(wasm));
    for (const file of ["signatures.json", "public-keys.json"]) {
      assert.ok((await Deno.stat(`${entry.store}/${file}`)).isFile, file);
    }
  } finally {
    await Deno.remove(home, { recursive: true });
  }
});

Deno.test("pulling a private package needs a token; pulling it again updates one index entry", async () => {
  await using server = await startServer();
  const owner = await createUser(server.app);
  await publishTestVersion(server.app, owner, "pull.private", "2.0.0");
  const home = await Deno.makeTempDir({ prefix: "inactu-home-" });
  try {
    const spec = parsePullSpec(`@${owner.handle}/pull.private@2`);
    const error = await pull(spec, { registry: server.url, home }).catch((e) => e);
    assertIncludes(String(error), "404: package not found");
    const token = await createToken(server.app, owner, ["packages:read"]);
    const first = await pull(spec, { registry: server.url, home, token });
    const again = await pull(spec, { registry: server.url, home, token });
    assert.equal(first.dir, again.dir);
    const index = JSON.parse(await Deno.readTextFile(`${home}/index.json`));
    assert.equal(index.entries.length, 1);
    assert.equal(index.entries[0].manifest_version, "2.0.0");
  } finally {
    await Deno.remove(home, { recursive: true });
  }
});

Deno.test("a bundle that is not what resolve reported (another signer's keys, other bytes) is refused", async () => {
  await using server = await startServer();
  const owner = await createUser(server.app);
  await publishTestVersion(server.app, owner, "pull.check", "1.0.0", { visibility: "public" });
  const res = await fetch(`${server.url}/v1/packages/@${owner.handle}/pull.check/resolve`);
  const resolved = await res.json();
  // Another signer's bundle of the same name and version: a key swap.
  const swapped = await bundleArchive("pull.check", "1.0.0", {
    signers: [await generateSigner("test-signer")],
  });
  const swap = await checkBundle(swapped, {
    ...resolved,
    archive_digest: await sha256Digest(swapped),
  })
    .catch((e) => e);
  assertIncludes(String(swap), "the signer key fingerprints is");
  const tampered = await checkBundle(swapped, resolved).catch((e) => e);
  assertIncludes(String(tampered), "the archive digest is");
});

Deno.test("a pull spec must name an owner and a package", () => {
  assert.deepEqual(parsePullSpec("@Alice/echo.minimal@^1.2"), {
    owner: "alice",
    name: "echo.minimal",
    range: "^1.2",
  });
  assert.equal(parsePullSpec("@alice/echo.minimal").range, "latest");
  for (const bad of ["echo.minimal", "@alice", "@alice/Echo", "alice/echo@1"]) {
    assert.throws(() => parsePullSpec(bad), Error, "is not a package to pull");
  }
});
