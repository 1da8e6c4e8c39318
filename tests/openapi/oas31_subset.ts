// The parts of OpenAPI 3.1 (spec.openapis.org/oas/v3.1.0) the generator writes, as a strict
// JSON Schema: required fields, allowed values and no unknown keys. The official OAS 3.1 schema
// (@seriousme/openapi-schema-validator, checked in openapi_test.ts) decides validity; this adds
// the house rules it leaves optional: every operation has an operationId and a summary, every
// media type and parameter a schema (the contract check needs them), no extension keys.
const header = {
  type: "object",
  required: ["schema"],
  properties: { description: { type: "string" }, schema: { type: "object" } },
  additionalProperties: false,
};
const media = {
  type: "object",
  required: ["schema"],
  properties: { schema: { type: "object" }, example: {} },
  additionalProperties: false,
};
const content = {
  type: "object",
  minProperties: 1,
  propertyNames: { pattern: "^[a-z]+/[a-z0-9.+-]+$" },
  additionalProperties: media,
};
const response = {
  type: "object",
  required: ["description"],
  properties: {
    description: { type: "string", minLength: 1 },
    headers: { type: "object", additionalProperties: header },
    content,
  },
  additionalProperties: false,
};
const parameter = {
  type: "object",
  required: ["name", "in", "schema"],
  properties: {
    name: { type: "string", minLength: 1 },
    in: { enum: ["query", "path", "header", "cookie"] },
    required: { type: "boolean" },
    description: { type: "string" },
    schema: { type: "object" },
  },
  // A path parameter must be required (OAS 3.1 section 4.8.12.1).
  if: { properties: { in: { const: "path" } } },
  then: { required: ["required"], properties: { required: { const: true } } },
  additionalProperties: false,
};
const operation = {
  type: "object",
  required: ["operationId", "summary", "responses"],
  properties: {
    operationId: { type: "string", pattern: "^[A-Za-z0-9]+$" },
    summary: { type: "string", minLength: 1 },
    description: { type: "string" },
    tags: { type: "array", items: { type: "string" } },
    parameters: { type: "array", items: parameter },
    requestBody: {
      type: "object",
      required: ["content"],
      properties: { required: { type: "boolean" }, content },
      additionalProperties: false,
    },
    responses: {
      type: "object",
      minProperties: 1,
      propertyNames: { pattern: "^([1-5][0-9][0-9]|default)$" },
      additionalProperties: response,
    },
    security: {
      type: "array",
      items: { type: "object", additionalProperties: { type: "array", items: { type: "string" } } },
    },
    // The one extension: the server flag an operation exists under (docs/adr/0010).
    "x-requires-flag": { enum: ["ORGS_ENABLED"] },
  },
  additionalProperties: false,
};

export const OAS31_SUBSET = {
  $schema: "https://json-schema.org/draft/2020-12/schema",
  type: "object",
  required: ["openapi", "info", "paths", "components"],
  properties: {
    openapi: { type: "string", pattern: "^3\\.1\\.\\d+$" },
    info: {
      type: "object",
      required: ["title", "version"],
      properties: {
        title: { type: "string" },
        version: { type: "string" },
        description: { type: "string" },
      },
      additionalProperties: false,
    },
    servers: {
      type: "array",
      items: {
        type: "object",
        required: ["url"],
        properties: { url: { type: "string" } },
        additionalProperties: false,
      },
    },
    paths: {
      type: "object",
      propertyNames: { pattern: "^/" },
      additionalProperties: {
        type: "object",
        propertyNames: { enum: ["get", "put", "post", "delete", "patch"] },
        additionalProperties: operation,
      },
    },
    components: {
      type: "object",
      properties: {
        schemas: { type: "object", additionalProperties: { type: "object" } },
        securitySchemes: {
          type: "object",
          additionalProperties: {
            oneOf: [
              {
                type: "object",
                required: ["type", "scheme"],
                properties: {
                  type: { const: "http" },
                  scheme: { type: "string" },
                  description: { type: "string" },
                },
                additionalProperties: false,
              },
              {
                type: "object",
                required: ["type", "in", "name"],
                properties: {
                  type: { const: "apiKey" },
                  in: { enum: ["query", "header", "cookie"] },
                  name: { type: "string" },
                  description: { type: "string" },
                },
                additionalProperties: false,
              },
            ],
          },
        },
      },
      additionalProperties: false,
    },
  },
  additionalProperties: false,
};
