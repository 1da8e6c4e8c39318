// The spec's schemas and vectors as the verifier tests read them (copied into
// tests/fixtures/inactu-spec/, see its README), and ajv to check documents against the
// schemas themselves rather than against our reading of them.
import { Ajv } from "ajv";
import addFormatsModule from "ajv-formats";

export const SPEC_DIR = new URL("../fixtures/inactu-spec/", import.meta.url);

// ajv-formats is CommonJS: its default export arrives wrapped.
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ??
  addFormatsModule) as (ajv: Ajv) => Ajv;

const ajv = addFormats(new Ajv({ allErrors: true, strict: false }));

/** A validator for one of the spec's JSON Schemas (a path under spec/). */
export async function specSchema(path: string): Promise<(value: unknown) => boolean> {
  const schema = JSON.parse(await Deno.readTextFile(new URL(`spec/${path}`, SPEC_DIR)));
  const validate = ajv.compile(schema);
  return (value) => validate(value) as boolean;
}

/** Every file of a vector folder (under test-vectors/), sorted, with its text. */
export async function vectors(
  dir: string,
  ext = ".json",
): Promise<Array<{ file: string; text: string }>> {
  const base = new URL(`test-vectors/${dir}/`, SPEC_DIR);
  const out: Array<{ file: string; text: string }> = [];
  for await (const entry of Deno.readDir(base)) {
    if (!entry.isFile || !entry.name.endsWith(ext)) continue;
    out.push({
      file: `${dir}/${entry.name}`,
      text: await Deno.readTextFile(new URL(entry.name, base)),
    });
  }
  if (out.length === 0) throw new Error(`no vectors in ${dir}`);
  return out.sort((a, b) => a.file.localeCompare(b.file));
}
