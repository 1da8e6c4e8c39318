// Publishing over a real HTTP connection: the body arrives in pieces, with a Content-Length,
// the way curl, CI scripts and the browser's upload send it.
import { assert, assertIncludes } from "../helpers/assert.ts";
import { startServer } from "../helpers/server.ts";
import { createToken, createUser } from "../helpers/accounts.ts";
import { bundleArchive, bundleForm } from "../helpers/packages.ts";
import { buildRunModule, padModule } from "@/lib/packages/bundle/wasm.ts";

const MiB = 1024 * 1024;

Deno.test("a 3 MiB bundle sent over HTTP as a form and as a raw body is stored byte for byte", async () => {
  await using server = await startServer();
  const user = await createUser(server.app);
  const token = await createToken(server.app, user, ["packages:publish", "packages:read"]);
  const auth = { authorization: `Bearer ${token}` };
  const wasm = padModule(buildRunModule(), 3 * MiB, { fill: "random", seed: 7 });
  for (const [version, kind] of [["1.0.0", "form"], ["1.0.1", "raw"]] as const) {
    const archive = await bundleArchive("big.skill", version, { wasm });
    assert.ok(archive.length > 3 * MiB, `the archive is ${archive.length} bytes`);
    const res = await fetch(`${server.url}/v1/packages/big.skill/versions`, {
      method: "POST",
      headers: kind === "raw" ? { ...auth, "content-type": "application/gzip" } : auth,
      body: kind === "raw" ? archive as Uint8Array<ArrayBuffer> : bundleForm(archive),
    });
    assert.equal(res.status, 201, `${kind}: ${await res.clone().text()}`);
    await res.body?.cancel();
    const bundle = await fetch(
      `${server.url}/v1/packages/big.skill/versions/${version}/bundle`,
      { headers: auth },
    );
    assert.equal(bundle.status, 200);
    assert.deepEqual(new Uint8Array(await bundle.arrayBuffer()), archive, kind);
    const artifact = await fetch(
      `${server.url}/v1/packages/big.skill/versions/${version}/artifact`,
      { headers: auth },
    );
    assert.deepEqual(new Uint8Array(await artifact.arrayBuffer()), wasm, kind);
  }
});

Deno.test("a multipart upload without a boundary is 400 saying so, and nothing is stored", async () => {
  await using server = await startServer();
  const user = await createUser(server.app);
  const token = await createToken(server.app, user, ["packages:publish"]);
  const res = await fetch(`${server.url}/v1/packages/echo.minimal/versions`, {
    method: "POST",
    headers: { authorization: `Bearer ${token}`, "content-type": "multipart/form-data; x=1" },
    body: (await bundleArchive("echo.minimal", "0.1.0")) as Uint8Array<ArrayBuffer>,
  });
  assert.equal(res.status, 400);
  assertIncludes((await res.json()).error, "boundary");
  const rows = await server.app.services.database.client.execute(
    "SELECT count(*) AS n FROM package_versions",
  );
  assert.equal(Number(rows.rows[0]!.n), 0);
});
