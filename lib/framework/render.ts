import { type ComponentType, h, options, type VNode } from "preact";
import { renderToString } from "preact-render-to-string";
import { jsxTemplate } from "preact/jsx-runtime";
import { LRUCache } from "lru-cache";
import type { BuildAssets, IslandComponent, Manifest } from "./manifest.ts";
import { encodeProps, jsonForScript } from "./serialize.ts";
import { withoutSignalTracking } from "./preact_server.ts";
import { escapeHtml } from "../html.ts";

/** One island component: where its code is and how the boot script finds it. */
export interface IslandDef {
  name: string;
  chunk: string;
  exportName: string;
}

interface FoundIsland {
  id: number;
  def: IslandDef;
  props: unknown;
}

interface RenderState {
  registry: IslandRegistry;
  assets: BuildAssets;
  found: FoundIsland[];
  /** Islands the render is inside of: an island inside another renders as plain code. */
  depth: number;
}

// Rendering is synchronous, so one module-level slot is enough to tell the vnode hook which
// render it belongs to; it is null outside renderDocument.
let current: RenderState | null = null;

// Every island component of every registry, so cachedMarkup can refuse them.
const islandTypes = new WeakSet<object>();

// Set while a boundary creates the vnode of the component it wraps, so the hook leaves that
// one vnode alone instead of wrapping it again.
let creatingOriginal = false;

function original(type: IslandComponent, props: Record<string, unknown>): VNode {
  creatingOriginal = true;
  try {
    return h(type, props);
  } finally {
    creatingOriginal = false;
  }
}

/** Maps island components (from the manifest) to wrappers that mark and record them. */
export class IslandRegistry {
  readonly #wrappers = new Map<unknown, ComponentType<Record<string, unknown>>>();

  constructor(manifest: Manifest, assets: BuildAssets) {
    for (const [file, mod] of Object.entries(manifest.islands)) {
      const chunk = assets.islands[file];
      if (!chunk) {
        throw new Error(`${file} has no bundle in _fresh/assets.json; run deno task build`);
      }
      const base = file.replace(/^.*\//, "").replace(/\.(tsx|ts)$/, "");
      for (const [exportName, value] of Object.entries(mod)) {
        if (typeof value !== "function") continue;
        const name = exportName === "default" ? base : `${base}.${exportName}`;
        const def = { name, chunk, exportName };
        this.#wrappers.set(value, islandBoundary(value as IslandComponent, def));
        islandTypes.add(value);
      }
    }
  }

  wrapperFor(type: unknown): ComponentType<Record<string, unknown>> | undefined {
    return this.#wrappers.get(type);
  }
}

function islandBoundary(component: IslandComponent, def: IslandDef): IslandComponent {
  function IslandBoundary(props: Record<string, unknown>, context: Record<string, unknown>) {
    // Inside another island it is plain code of that island's bundle; outside a render
    // (never expected) it renders as a normal component.
    const state = current;
    if (state === null || state.depth > 0) return original(component, props);
    if (props.children !== undefined && props.children !== null) {
      throw new TypeError(`Island "${def.name}" was given JSX children; islands take props only`);
    }
    const id = state.found.length;
    state.found.push({ id, def, props: encodeProps(def.name, props) });
    // The island renders here, between its markers, with the depth raised: islands inside it
    // are plain code of its bundle. One string, not a vnode per marker.
    state.depth++;
    let html: string;
    try {
      html = renderToString(original(component, props), context);
    } finally {
      state.depth--;
    }
    return jsxTemplate([`<!--frsh:${id}-->${html}<!--/frsh:${id}-->`]);
  }
  IslandBoundary.displayName = `Island(${def.name})`;
  return IslandBoundary;
}

/**
 * Rendered last in <body>: the island data, module preloads and the boot script, written as
 * one string (as a precompiled template would be) rather than a vnode per element.
 */
function IslandScripts() {
  const state = current;
  if (!state || state.found.length === 0) return null;
  const data = state.found.map(({ id, def, props }) => ({
    id,
    chunk: def.chunk,
    export: def.exportName,
    props,
  }));
  let html = `<script type="application/json" id="__frsh_islands">${jsonForScript(data)}</script>`;
  for (const href of new Set(state.found.map((f) => f.def.chunk))) {
    html += `<link rel="modulepreload" href="${escapeHtml(href)}"/>`;
  }
  html += `<script type="module" src="${escapeHtml(state.assets.boot)}"></script>`;
  return jsxTemplate([html]);
}

// Routes compile with Deno's precompiled JSX (deno.json): a static element is a string made at
// build time, and its dynamic attributes go through preact/jsx-runtime's jsxAttr, which drops
// a false value. preact-render-to-string (the rest of a render) writes aria-*, data-* and the
// enumerated attributes as the strings "true" and "false"; so does this, so the markup and
// its meaning for assistive technology do not depend on how an element was compiled.
const ENUMERATED = new Set(["draggable", "spellcheck", "contenteditable"]);
const previousAttrHook = (options as { attr?: (name: string, value: unknown) => unknown }).attr;
(options as { attr?: (name: string, value: unknown) => unknown }).attr = (name, value) => {
  if ((value === true || value === false) && (name[4] === "-" || ENUMERATED.has(name))) {
    return `${name}="${value}"`;
  }
  return previousAttrHook?.(name, value);
};

const previousVnodeHook = options.vnode;
options.vnode = (vnode: VNode) => {
  if (renderingStaticMarkup && typeof vnode.type === "function" && islandTypes.has(vnode.type)) {
    throw new TypeError("cachedMarkup cannot contain islands: they would hydrate only once");
  }
  const state = current;
  if (state && !creatingOriginal) {
    const type = vnode.type;
    if (typeof type === "function") {
      const wrapper = state.registry.wrapperFor(type);
      if (wrapper) vnode.type = wrapper as typeof vnode.type;
    } else if (type === "head") {
      const props = vnode.props as { children?: unknown };
      props.children = [props.children, h("link", { rel: "stylesheet", href: state.assets.css })];
    } else if (type === "body") {
      const props = vnode.props as { children?: unknown };
      props.children = [props.children, h(IslandScripts, null)];
    }
  }
  previousVnodeHook?.(vnode);
};

/** Rendered markup kept by key, least recently used first (cachedMarkup). */
export type MarkupCache = LRUCache<string, string>;

/** A cache for cachedMarkup holding at most `maxChars` characters of markup. */
export function markupCache(maxChars: number): MarkupCache {
  return new LRUCache<string, string>({
    maxSize: maxChars,
    sizeCalculation: (html, key) => html.length + key.length,
  });
}

// The site's chrome (header per section and user, footer): a few KB each.
const chrome = markupCache(8 * 1024 * 1024);
// Set while cachedMarkup renders: an island found then is an error, because a cached render
// would hydrate it only the first time.
let renderingStaticMarkup = false;

/**
 * Renders `render()` once per `key` and reuses the HTML: for markup that is the same on every
 * page with the same inputs (the site header per section and user; a list page by its
 * contents). The key must name every input. It must contain no islands. Kept in `cache`
 * (by default the chrome's, 8 MiB of markup), the least recently used going first.
 */
export function cachedMarkup(key: string, render: () => VNode, cache = chrome): VNode {
  let html = cache.get(key);
  if (html === undefined) {
    const outer = current;
    current = null;
    renderingStaticMarkup = true;
    try {
      html = renderToString(render());
    } finally {
      current = outer;
      renderingStaticMarkup = false;
    }
    cache.set(key, html);
  }
  return jsxTemplate([html]);
}

// Where _app's Component goes while _app renders. Rendered text and attribute values are
// escaped, so "<" followed by NUL comes only from this template; renderDocument also checks
// that it is there exactly once.
const PAGE_SLOT = "<\u0000page\u0000>";
const DOCTYPE = "<!DOCTYPE html>";

/**
 * Renders a document in two passes, as Fresh 2 does: the page inside its layouts first, then
 * `_app` around that HTML. Pages can therefore set state (such as the title) that `_app`
 * reads. Both callbacks create their vnodes during the render, so the island hook sees them.
 * Answers with the document's UTF-8 bytes (see utf8 for why the two passes are encoded apart).
 */
export function renderDocument(
  registry: IslandRegistry,
  assets: BuildAssets,
  page: () => VNode,
  wrap: ((html: string) => VNode) | null,
  init: { status: number; headers: Headers },
): Response {
  current = { registry, assets, found: [], depth: 0 };
  let parts: string[];
  try {
    parts = withoutSignalTracking(() => {
      const html = renderToString(page());
      if (!wrap) return [DOCTYPE, html];
      const found = current!.found.length;
      const shell = renderToString(wrap(PAGE_SLOT));
      const at = shell.indexOf(PAGE_SLOT);
      const end = at + PAGE_SLOT.length;
      if (at !== -1 && !shell.includes(PAGE_SLOT, end)) {
        return [DOCTYPE, shell.slice(0, at), html, shell.slice(end)];
      }
      // Not exactly one place for the page (an _app that leaves it out or shows it twice):
      // _app renders around the page itself, once more.
      current!.found.length = found;
      return [DOCTYPE, renderToString(wrap(html))];
    });
  } finally {
    current = null;
  }
  // A Response copies the bytes it is given (Fetch standard, "extract a body"), so the
  // shared buffer utf8 returns a view of is free again once the Response exists.
  return new Response(utf8(parts), init);
}

const encoder = new TextEncoder();
const SCRATCH_MAX = 1024 * 1024;
let scratch = new Uint8Array(64 * 1024);

/**
 * The UTF-8 bytes of `parts` joined, as a view of a buffer shared by every render: valid until
 * the next call. Deno's encoder copies an all-ASCII string at memory speed but takes a slow
 * path over the whole string when one character is not ASCII (five times slower here);
 * encoding the page and its shell apart keeps one "·" in a title from slowing the whole page.
 */
function utf8(parts: string[]): Uint8Array<ArrayBuffer> {
  let max = 0;
  for (const part of parts) max += part.length * 3;
  if (max > SCRATCH_MAX) return encoder.encode(parts.join(""));
  if (max > scratch.length) scratch = new Uint8Array(SCRATCH_MAX);
  let at = 0;
  for (const part of parts) at += encoder.encodeInto(part, scratch.subarray(at)).written;
  return scratch.subarray(0, at);
}
