import type { ComponentType } from "preact";

/** Per-route options, a subset of Fresh 2's `RouteConfig`. */
export interface RouteConfig {
  /** Render without the layouts of parent folders. */
  skipInheritedLayouts?: boolean;
  /** Render without `_app` (the page renders its own document). */
  skipAppWrapper?: boolean;
}

/** What a file under routes/ may export. */
export interface RouteModule {
  /** Route handlers (`define.handlers`) or, in `_middleware`, middlewares. */
  handler?: unknown;
  /** The page, layout or `_app` component, or, in `_middleware`, middlewares. */
  default?: unknown;
  config?: RouteConfig;
  /** App-defined declarations (such as who may call the route), checked by the app's options. */
  access?: unknown;
}

export type IslandModule = Record<string, unknown>;

/** The generated `routes.gen.ts`: every route and island, imported statically. */
export interface Manifest {
  routes: Record<string, RouteModule>;
  islands: Record<string, IslandModule>;
}

/** What `deno task build` writes to `_fresh/assets.json`. */
export interface BuildAssets {
  /** URL of the island boot script. */
  boot: string;
  /** URL of the one stylesheet. */
  css: string;
  /** Island file (`./islands/X.tsx`) to the URL of its chunk. */
  islands: Record<string, string>;
}

export type IslandComponent = ComponentType<Record<string, unknown>>;

/** Where the build writes, under the project root, and the URL prefix its public files use. */
export const BUILD_DIR = "_fresh";
export const PUBLIC_PREFIX = "/_fresh/";

/**
 * Reads what the last build wrote; a clear error when there was none. It lives here, not in
 * build/, so the server does not load esbuild and twind at start to read one JSON file.
 */
export async function readBuildAssets(root: string): Promise<BuildAssets> {
  try {
    return JSON.parse(await Deno.readTextFile(`${root}/${BUILD_DIR}/assets.json`)) as BuildAssets;
  } catch (e) {
    if (e instanceof Deno.errors.NotFound) {
      throw new Error(`${BUILD_DIR}/assets.json is missing: run \`deno task build\` first`);
    }
    throw e;
  }
}
