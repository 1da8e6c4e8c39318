import * as esbuild from "esbuild";

/** Bundles the boot script and every island: ESM, code-split, minified, content-hashed. */
export async function bundleIslands(options: {
  root: string;
  islands: string[];
  outDir: string;
  urlPrefix: string;
}): Promise<{ boot: string; islands: Record<string, string> }> {
  const BOOT = "lib/framework/client/boot.ts";
  const entryPoints: Record<string, string> = { boot: `${options.root}/${BOOT}` };
  // esbuild reports entry points relative to the project root: map them back to manifest keys.
  const byRelative = new Map<string, string>([[BOOT, "boot"]]);
  for (const file of options.islands) {
    const base = file.replace(/^.*\//, "").replace(/\.(tsx|ts)$/, "");
    const name = `island-${base}`;
    if (name in entryPoints) throw new Error(`two islands are both named ${base}`);
    entryPoints[name] = `${options.root}/${file.slice(2)}`;
    byRelative.set(file.slice(2), file);
  }
  try {
    const result = await esbuild.build({
      entryPoints,
      absWorkingDir: options.root,
      outdir: options.outDir,
      bundle: true,
      splitting: true,
      format: "esm",
      platform: "browser",
      target: ["es2022"],
      minify: true,
      jsx: "automatic",
      jsxImportSource: "preact",
      entryNames: "[name]-[hash]",
      chunkNames: "chunk-[hash]",
      metafile: true,
      logLevel: "error",
      plugins: [projectAlias(options.root)],
    });
    const out = { boot: "", islands: {} as Record<string, string> };
    for (const [file, meta] of Object.entries(result.metafile!.outputs)) {
      if (!meta.entryPoint || !file.endsWith(".js")) continue;
      const url = `${options.urlPrefix}${file.slice(file.lastIndexOf("/") + 1)}`;
      const key = byRelative.get(meta.entryPoint);
      if (key === "boot") out.boot = url;
      else if (key) out.islands[key] = url;
    }
    if (!out.boot) throw new Error("esbuild produced no boot script");
    return out;
  } finally {
    await esbuild.stop();
  }
}

/** Resolves the `@/` import-map prefix of deno.json to the project root. */
function projectAlias(root: string): esbuild.Plugin {
  return {
    name: "project-alias",
    setup(build) {
      build.onResolve({ filter: /^@\// }, (args) => ({ path: `${root}/${args.path.slice(2)}` }));
    },
  };
}
