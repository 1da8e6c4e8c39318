// An example value for a JSON Schema, for the API description and its reference page: the
// shape the schema describes, with plausible values picked from formats, enums and field names.
type Json = Record<string, unknown>;

const BY_FORMAT: Record<string, unknown> = {
  uuid: "3f1e7c2a-9b4d-4e8f-a1c2-5d6e7f809a1b",
  "date-time": "2026-11-25T12:00:00.000Z",
  email: "you@example.com",
  uri: "https://example.com/you/skill",
};

const BY_NAME: Record<string, unknown> = {
  error: "version: must be valid semver, such as 1.2.0",
  name: "echo.minimal",
  package: "echo.minimal",
  version: "1.0.0",
  handle: "alice",
  region: "eu-west-1",
  message: "request served",
  severity: "info",
  status: "running",
};

/** A sample for `schema`; `components` resolves `$ref`s, `name` is the field it belongs to. */
export function exampleOf(
  schema: unknown,
  components: Record<string, Json>,
  name = "",
  depth = 0,
): unknown {
  if (typeof schema !== "object" || schema === null || depth > 8) return null;
  const s = schema as Json;
  if (typeof s.$ref === "string") {
    return exampleOf(components[s.$ref.split("/").pop()!], components, name, depth + 1);
  }
  if ("const" in s) return s.const;
  if (Array.isArray(s.enum) && s.enum.length > 0) return s.enum[0];
  const choices = (s.anyOf ?? s.oneOf) as Json[] | undefined;
  if (choices) {
    const pick = choices.find((c) => c.type !== "null") ?? choices[0];
    return exampleOf(pick, components, name, depth + 1);
  }
  const type = Array.isArray(s.type) ? s.type.find((t) => t !== "null") : s.type;
  switch (type) {
    case "object": {
      const out: Json = {};
      for (const [key, value] of Object.entries((s.properties ?? {}) as Json)) {
        out[key] = exampleOf(value, components, key, depth + 1);
      }
      return out;
    }
    case "array":
      return s.items ? [exampleOf(s.items, components, name, depth + 1)] : [];
    case "integer":
    case "number":
      return typeof s.minimum === "number" ? s.minimum : 1;
    case "boolean":
      return false;
    case "null":
      return null;
    case "string": {
      if (typeof s.format === "string" && s.format in BY_FORMAT) return BY_FORMAT[s.format];
      if (typeof s.pattern === "string" && s.pattern.includes("sha256")) {
        return `sha256:${"0".repeat(64)}`;
      }
      return BY_NAME[name] ?? "string";
    }
    default:
      return null;
  }
}
