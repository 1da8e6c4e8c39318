import type { TwindConfig } from "@twind/core";
import { encodeHexLowerCase } from "@oslojs/encoding";
import { BUILD_DIR, type BuildAssets, PUBLIC_PREFIX } from "../manifest.ts";
import { bundleIslands } from "./bundle.ts";
import { collectAppFiles, generateManifest } from "./manifest_gen.ts";
import { buildStyles } from "./styles.ts";
import { precompress } from "./precompress.ts";

export interface BuildOptions {
  root: string;
  // deno-lint-ignore no-explicit-any
  twind: TwindConfig<any>;
  /** Fail when routes.gen.ts is out of date instead of rewriting it (CI). */
  checkManifest?: boolean;
}

/**
 * Generates routes.gen.ts, then writes island bundles, the stylesheet (each with brotli and
 * gzip copies) and assets.json.
 */
export async function build(options: BuildOptions): Promise<BuildAssets> {
  const { root } = options;
  const files = await collectAppFiles(root);
  const manifestText = generateManifest(files);
  const manifestPath = `${root}/routes.gen.ts`;
  const existing = await Deno.readTextFile(manifestPath).catch(() => null);
  if (existing !== manifestText) {
    if (options.checkManifest) {
      throw new Error(
        "routes.gen.ts does not match routes/ and islands/: run `deno task build` and commit it",
      );
    }
    await Deno.writeTextFile(manifestPath, manifestText);
  }

  const publicDir = `${root}/${BUILD_DIR}/public`;
  await Deno.remove(publicDir, { recursive: true }).catch(() => {});
  await Deno.mkdir(`${publicDir}/css`, { recursive: true });
  const js = await bundleIslands({
    root,
    islands: files.islands,
    outDir: `${publicDir}/js`,
    urlPrefix: `${PUBLIC_PREFIX}js/`,
  });
  const css = await buildStyles(root, ["routes", "components", "islands"], options.twind);
  const cssHash = encodeHexLowerCase(
    new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(css))),
  ).slice(0, 12);
  await Deno.writeTextFile(`${publicDir}/css/styles-${cssHash}.css`, css);
  const assets: BuildAssets = { ...js, css: `${PUBLIC_PREFIX}css/styles-${cssHash}.css` };
  await precompress(publicDir);
  await Deno.writeTextFile(
    `${root}/${BUILD_DIR}/assets.json`,
    JSON.stringify(assets, null, 2) + "\n",
  );
  return assets;
}
