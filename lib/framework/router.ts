import type { Segment } from "./route_path.ts";

/** A match: the route's value and its decoded parameters. */
export interface Match<T> {
  value: T;
  params: Record<string, string>;
}

interface Leaf<T> {
  value: T;
  /** Parameter names in URL order, so routes sharing a trie node keep their own names. */
  names: string[];
}

interface Node<T> {
  statics: Map<string, Node<T>>;
  params: { prefix: string; node: Node<T> }[];
  rest: Leaf<T> | null;
  leaf: Leaf<T> | null;
}

function node<T>(): Node<T> {
  return { statics: new Map(), params: [], rest: null, leaf: null };
}

/**
 * A segment trie. At each segment a static name wins over a parameter, a parameter with a
 * longer static prefix wins over a shorter one, and a catch-all comes last. The search
 * backtracks, so a static branch that dead-ends still lets a parameter branch match.
 */
export class Router<T> {
  #root: Node<T> = node();

  add(segments: Segment[], value: T): void {
    const names = segments.flatMap((s) => s.kind === "static" ? [] : [s.name]);
    let n = this.#root;
    for (const s of segments) {
      if (s.kind === "static") {
        let next = n.statics.get(s.value);
        if (!next) n.statics.set(s.value, next = node());
        n = next;
      } else if (s.kind === "param") {
        let p = n.params.find((x) => x.prefix === s.prefix);
        if (!p) {
          p = { prefix: s.prefix, node: node() };
          n.params.push(p);
          n.params.sort((a, b) => b.prefix.length - a.prefix.length);
        }
        n = p.node;
      } else {
        n.rest = { value, names };
        return;
      }
    }
    n.leaf = { value, names };
  }

  /** Matches a URL pathname; null when no route fits or its encoding is malformed. */
  match(pathname: string): Match<T> | null {
    const raw = pathname === "/" ? [] : pathname.slice(1).split("/");
    const parts: string[] = [];
    for (const p of raw) {
      if (p === "") return null;
      try {
        parts.push(decodeURIComponent(p));
      } catch {
        return null;
      }
    }
    return walk(this.#root, parts, 0, []);
  }
}

function walk<T>(n: Node<T>, parts: string[], i: number, values: string[]): Match<T> | null {
  if (i === parts.length) return n.leaf ? matchOf(n.leaf, values) : null;
  const part = parts[i]!;
  const s = n.statics.get(part);
  if (s) {
    const m = walk(s, parts, i + 1, values);
    if (m) return m;
  }
  for (const p of n.params) {
    if (part.length > p.prefix.length && part.startsWith(p.prefix)) {
      const m = walk(p.node, parts, i + 1, [...values, part.slice(p.prefix.length)]);
      if (m) return m;
    }
  }
  return n.rest ? matchOf(n.rest, [...values, parts.slice(i).join("/")]) : null;
}

function matchOf<T>(leaf: Leaf<T>, values: string[]): Match<T> {
  const params: Record<string, string> = {};
  leaf.names.forEach((name, i) => params[name] = values[i]!);
  return { value: leaf.value, params };
}
