/// <reference lib="dom" />
// Hydrates the islands a page rendered: each sits between <!--frsh:N--> and <!--/frsh:N-->
// markers, and its props are in <script id="__frsh_islands" type="application/json">.
import { type ComponentType, h, hydrate } from "preact";
// @ts-types="./preact_root_fragment.d.ts"
import { createRootFragment } from "preact-root-fragment";
import { decodeProps } from "../serialize.ts";

interface IslandData {
  id: number;
  chunk: string;
  export: string;
  props: unknown;
}

async function boot() {
  const el = document.getElementById("__frsh_islands");
  if (!el?.textContent) return;
  const islands = JSON.parse(el.textContent) as IslandData[];
  const markers = new Map<string, Comment>();
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_COMMENT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const text = (n as Comment).data;
    if (text.startsWith("frsh:") || text.startsWith("/frsh:")) markers.set(text, n as Comment);
  }
  const modules = new Map<string, Promise<Record<string, unknown>>>();
  await Promise.all(islands.map(async (island) => {
    let mod = modules.get(island.chunk);
    if (!mod) modules.set(island.chunk, mod = import(island.chunk));
    const component = (await mod)[island.export] as ComponentType<Record<string, unknown>>;
    const start = markers.get(`frsh:${island.id}`);
    const end = markers.get(`/frsh:${island.id}`);
    if (!start || !end || !start.parentNode) return;
    const nodes: ChildNode[] = [];
    for (let n = start.nextSibling; n && n !== end; n = n.nextSibling) nodes.push(n);
    if (nodes.length === 0) return;
    const root = createRootFragment(start.parentNode as Element, nodes);
    hydrate(h(component, decodeProps(island.props) as Record<string, unknown>), root);
  }));
  document.documentElement.dataset.hydrated = "true";
}

boot();
