import { stringify, twind, type TwindConfig, virtual } from "@twind/core";
import { sourceFiles } from "./manifest_gen.ts";

// Anything that can be a utility class: letters, digits and the punctuation Tailwind uses
// in variants and arbitrary values. Non-class words simply produce no CSS.
const CANDIDATE = /^[!-]?[a-z@[][\w\-:/.[\]#%()!&>~+*,']*$/i;

// deno-lint-ignore no-explicit-any
type AnyTwindConfig = TwindConfig<any>;

/** Builds one stylesheet from every class-like token in the given source folders. */
export async function buildStyles(
  root: string,
  dirs: string[],
  config: AnyTwindConfig,
): Promise<string> {
  const tokens = new Set<string>();
  for (const dir of dirs) {
    for (const file of await sourceFiles(`${root}/${dir}`)) {
      const text = await Deno.readTextFile(`${root}/${dir}/${file}`);
      for (const token of text.split(/[\s"`{}<>=;]+/)) {
        if (token.length < 80 && CANDIDATE.test(token)) tokens.add(token);
      }
    }
  }
  const tw = twind(config, virtual(true));
  for (const token of [...tokens].sort()) tw(token);
  return stringify(tw.target);
}
