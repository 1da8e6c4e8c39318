import { assert } from "../../helpers/assert.ts";
import { buildBundle, generateSigner, packArchive } from "@/lib/packages/bundle/pack.ts";
import { verifyArchive } from "@/lib/packages/bundle/verify.ts";
import { buildRunModule, padModule } from "@/lib/packages/bundle/wasm.ts";

const alice = await generateSigner("alice.dev");

Deno.test("packing is deterministic: the same files give the same archive bytes", async () => {
  const files = await buildBundle(buildRunModule(), {
    name: "echo.minimal",
    version: "1.0.0",
    signers: [alice],
  });
  for (const format of ["tar", "tar.gz", "tar.zst"] as const) {
    assert.deepEqual(await packArchive(files, { format }), await packArchive(files, { format }));
  }
});

Deno.test("a 10 MB benchmark bundle packs as tar.zst and verifies", async () => {
  const wasm = padModule(buildRunModule(), 10_000_000, { fill: "random" });
  const files = await buildBundle(wasm, {
    name: "bench.ten-mb",
    version: "1.0.0",
    signers: [alice],
  });
  const archive = await packArchive(files, { format: "tar.zst", topFolder: "bench" });
  const report = await verifyArchive(archive, {
    packageName: "bench.ten-mb",
    experimentalManifests: false,
  });
  assert.equal(report.error, null);
  assert.equal(report.wasmSize, 10_000_000);
});
