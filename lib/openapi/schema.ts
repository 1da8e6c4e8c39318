// zod schemas to JSON Schema for the OpenAPI document: shared schemas (those with a `.meta({id})`)
// go to components.schemas once and are referenced from everywhere else.
import { z } from "zod";
import type { RawSchema } from "./describe.ts";

export type JsonSchema = Record<string, unknown>;

export class SchemaSet {
  readonly components: Record<string, JsonSchema> = {};
  #seen = new Map<string, string>();

  /** The JSON Schema of a zod schema (as parsed from input, or as produced for output). */
  of(schema: z.ZodType | RawSchema, io: "input" | "output"): JsonSchema {
    if ("raw" in schema && !(schema instanceof z.ZodType)) return schema.raw;
    const json = z.toJSONSchema(schema as z.ZodType, {
      target: "draft-2020-12",
      io,
      unrepresentable: "any",
    }) as JsonSchema;
    delete json.$schema;
    const defs = (json.$defs ?? {}) as Record<string, JsonSchema>;
    delete json.$defs;
    for (const [id, def] of Object.entries(defs)) {
      this.#keep(io === "input" ? `${id}Input` : id, def, io);
    }
    return rewrite(json, io) as JsonSchema;
  }

  #keep(id: string, def: JsonSchema, io: "input" | "output"): void {
    const text = JSON.stringify(rewrite(def, io));
    const before = this.#seen.get(id);
    if (before !== undefined && before !== text) {
      throw new Error(`two different schemas are both named ${id}; give one another .meta id`);
    }
    this.#seen.set(id, text);
    this.components[id] = JSON.parse(text);
  }
}

/** Points `#/$defs/X` references at the document's components. */
function rewrite(value: unknown, io: "input" | "output"): unknown {
  if (Array.isArray(value)) return value.map((v) => rewrite(v, io));
  if (typeof value !== "object" || value === null) return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    if (k === "$ref" && typeof v === "string" && v.startsWith("#/$defs/")) {
      const id = v.slice("#/$defs/".length);
      out[k] = `#/components/schemas/${io === "input" ? `${id}Input` : id}`;
    } else out[k] = rewrite(v, io);
  }
  return out;
}
