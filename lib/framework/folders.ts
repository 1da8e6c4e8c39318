// What each folder under routes/ contributes around its routes: middlewares, a layout, and
// error routes (`_error`, `_404`), collected from the special files of the manifest, and the
// lookups the app makes in that tree (layouts along a folder chain, the nearest error route).
import type { AnyComponent } from "preact";
import type { PageProps } from "./context.ts";
import type { HandlerFn, Middleware } from "./handlers.ts";
import type { Manifest } from "./manifest.ts";
import { folderChain, type ParsedRouteFile } from "./route_path.ts";

// deno-lint-ignore no-explicit-any
export type AnyPage = AnyComponent<PageProps<any, any>>;

/** An `_error` or `_404` file: a page, a handler (answering, say, JSON), or both. */
export interface ErrorRoute {
  component?: AnyPage;
  handler?: HandlerFn<unknown, unknown>;
}

/** An error route with the layouts of the folders down to it. */
export interface ErrorPage extends ErrorRoute {
  layouts: AnyPage[];
}

/** The error routes that answer for a route or a folder. */
export interface ErrorPages {
  errorPage?: ErrorPage;
  notFoundPage?: ErrorPage;
}

interface Folder {
  middlewares: Middleware<unknown>[];
  layout?: AnyPage;
  error?: ErrorRoute;
  notFound?: ErrorRoute;
}

export class Folders {
  readonly #folders = new Map<string, Folder>();
  /** `_app`, when there is one. */
  readonly app: AnyPage | undefined;

  constructor(manifest: Manifest, parsed: ParsedRouteFile[]) {
    let app: AnyPage | undefined;
    for (const p of parsed) {
      if (p.kind !== "special") continue;
      const mod = manifest.routes[p.file]!;
      if (p.special === "_middleware") {
        const mw = mod.handler ?? mod.default;
        if (!mw) throw new Error(`${p.file} must export handler or default`);
        this.#folder(p.dir).middlewares.push(
          ...(Array.isArray(mw) ? mw : [mw as Middleware<unknown>]),
        );
        continue;
      }
      const component = mod.default as AnyPage | undefined;
      if (p.special === "_error" || p.special === "_404") {
        // As in Fresh 2, an error route may have a handler (such as JSON for an API folder).
        const handler = typeof mod.handler === "function"
          ? mod.handler as HandlerFn<unknown, unknown>
          : undefined;
        if (!component && !handler) throw new Error(`${p.file} must export a page or a handler`);
        this.#folder(p.dir)[p.special === "_error" ? "error" : "notFound"] = { component, handler };
        continue;
      }
      if (!component) throw new Error(`${p.file} must have a default export`);
      if (p.special === "_app") app = component;
      else this.#folder(p.dir).layout = component;
    }
    this.app = app;
  }

  #folder(dir: string): Folder {
    let f = this.#folders.get(dir);
    if (!f) this.#folders.set(dir, f = { middlewares: [] });
    return f;
  }

  /** The middlewares of every folder along the chain, outermost first. */
  middlewares(chain: string[]): Middleware<unknown>[] {
    return chain.flatMap((d) => this.#folders.get(d)?.middlewares ?? []);
  }

  /** The layouts of every folder along the chain, outermost first. */
  layouts(chain: string[]): AnyPage[] {
    return chain.map((d) => this.#folders.get(d)?.layout).filter((l): l is AnyPage => !!l);
  }

  /** The error routes for a folder chain: the deepest wins; for 404 a `_404` beside an `_error`. */
  errorPages(chain: string[]): ErrorPages {
    return {
      errorPage: this.#nearest(chain, "error"),
      notFoundPage: this.#nearest(chain, "notFound"),
    };
  }

  /** For a path no route matches: the error routes of the deepest folder it lies in. */
  errorPagesForPath(pathname: string): ErrorPages {
    const parts = pathname.split("/").filter(Boolean);
    for (let i = parts.length; i > 0; i--) {
      const dir = parts.slice(0, i).join("/");
      if (this.#folders.has(dir)) return this.errorPages(folderChain(dir));
    }
    return this.errorPages([""]);
  }

  #nearest(chain: string[], key: "error" | "notFound"): ErrorPage | undefined {
    for (let i = chain.length - 1; i >= 0; i--) {
      const f = this.#folders.get(chain[i]!);
      const route = key === "notFound" ? f?.notFound ?? f?.error : f?.error;
      if (route) return { ...route, layouts: this.layouts(chain.slice(0, i + 1)) };
    }
    return undefined;
  }
}
