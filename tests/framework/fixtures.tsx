// Small in-memory apps for the framework layer's tests: a manifest is just an object.
import type { ComponentChildren } from "preact";
import { createFreshApp, type FreshAppOptions } from "@/lib/framework/app.ts";
import type { BuildAssets, Manifest } from "@/lib/framework/manifest.ts";
import type { PageProps } from "@/lib/framework/context.ts";

export interface TestState {
  trail: string[];
  title?: string;
}

export const ASSETS: BuildAssets = {
  boot: "/_fresh/js/boot-TEST.js",
  css: "/_fresh/css/styles-TEST.css",
  islands: { "./islands/Counter.tsx": "/_fresh/js/island-Counter-TEST.js" },
};

export function App({ Component, state }: PageProps<unknown, TestState>) {
  return (
    <html>
      <head>
        <title>{state.title ?? "untitled"}</title>
      </head>
      <body>
        <Component />
      </body>
    </html>
  );
}

export function Layout(name: string) {
  return ({ Component }: { Component: () => ComponentChildren }) => (
    <div data-layout={name}>
      <Component />
    </div>
  );
}

export function text(body: string) {
  return () => new Response(body);
}

/** Builds an app from a routes map (keys as in routes.gen.ts) and optional islands. */
export function testApp(
  routes: Manifest["routes"],
  options: Partial<FreshAppOptions<TestState>> & { islands?: Manifest["islands"] } = {},
) {
  const app = createFreshApp<TestState>({
    manifest: { routes, islands: options.islands ?? {} },
    assets: ASSETS,
    origin: "http://localhost",
    ...options,
  });
  return {
    routes: app.routes,
    async fetch(path: string, init?: RequestInit) {
      const state: TestState = { trail: [] };
      const res = await app.handle(new Request(`http://localhost${path}`, init), {
        remoteAddr: { hostname: "127.0.0.1", port: 1 },
      }, state);
      return { res, body: await res.text(), state };
    },
  };
}
