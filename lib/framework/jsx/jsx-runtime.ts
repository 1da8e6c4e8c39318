// The JSX runtime routes and components compile against (deno.json `jsxImportSource`): Preact's,
// with two corrections for Deno's precompiled JSX, where a static element is a string template
// made at build time and only its dynamic parts are filled in per render.
import { jsxEscape as preactJsxEscape, jsxTemplate as preactJsxTemplate } from "preact/jsx-runtime";

export { Fragment, jsx, jsxAttr, jsxDEV, jsxs } from "preact/jsx-runtime";
export type { JSX } from "preact/jsx-runtime";

/**
 * Preact's jsxEscape escapes the strings of an array child in place and returns the array,
 * which the renderer then renders as children and escapes again ("&lt;" became "&amp;lt;").
 * An array goes to the renderer as it is, so its text is escaped once, like any other child.
 */
export function jsxEscape<T>(value: T): unknown {
  return Array.isArray(value) ? value : preactJsxEscape(value);
}

/**
 * The compiler writes a space before each dynamic attribute (`<li id="L1" ${attr}>`), which
 * stayed when the attribute was left out (`<li id="L1" >`). The space moves into the
 * attribute: templates lose it (once per template, kept by identity) and an attribute that is
 * there gets it back.
 */
const cleaned = new WeakMap<readonly string[], { tpl: string[]; attrs: number[] }>();

function clean(templates: readonly string[]): { tpl: string[]; attrs: number[] } {
  const tpl = [...templates];
  const attrs: number[] = [];
  // Static parts are escaped by the compiler: "<" and ">" in them only open and close tags.
  let inTag = false;
  for (let i = 0; i < tpl.length - 1; i++) {
    const piece = tpl[i]!;
    const open = piece.lastIndexOf("<");
    const close = piece.lastIndexOf(">");
    if (open > close) inTag = true;
    else if (close > open) inTag = false;
    if (inTag && piece.endsWith(" ")) {
      tpl[i] = piece.slice(0, -1);
      attrs.push(i);
    }
  }
  const found = { tpl, attrs };
  cleaned.set(templates, found);
  return found;
}

export function jsxTemplate(templates: readonly string[], ...exprs: unknown[]) {
  const { tpl, attrs } = cleaned.get(templates) ?? clean(templates);
  for (const i of attrs) if (exprs[i]) exprs[i] = ` ${exprs[i]}`;
  return preactJsxTemplate(tpl, ...exprs);
}
