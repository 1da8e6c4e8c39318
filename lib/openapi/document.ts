// The OpenAPI 3.1 description of /v1, generated from the route table: each route's `access`
// (who may call it, and the token scope that needs) and its `api` description (lib/openapi/
// describe.ts: the zod schemas it parses and answers with). Nothing here is written by hand
// per operation, so the document follows the code. docs/openapi.json is this, committed.
import type { Manifest } from "../framework/manifest.ts";
import { parseRouteFile } from "../framework/route_path.ts";
import { type Requirement, requirementFor, scopeOf } from "../http/access.ts";
import { ACTIONS } from "../access/policy.ts";
import { ORG_ROUTE_FILE } from "../http/org_routes.ts";
import { SERVICE_NAME, SERVICE_VERSION } from "../version.ts";
import {
  type Content,
  ErrorJson,
  type Method,
  type OperationDoc,
  type RouteApi,
} from "./describe.ts";
import { type JsonSchema, SchemaSet } from "./schema.ts";
import { exampleOf } from "./example.ts";

const METHODS: Method[] = ["GET", "POST", "PUT", "PATCH", "DELETE"];
const FLAG_NOTE = "Requires ORGS_ENABLED on the server; without it this path answers 404 like " +
  "an unknown one.";

export interface ApiOperation {
  file: string;
  pattern: string;
  method: Method;
  requirement: Requirement | undefined;
  doc: OperationDoc | undefined;
}

/** Every operation under /v1 in the route table, described or not. */
export function apiOperations(manifest: Manifest): ApiOperation[] {
  const out: ApiOperation[] = [];
  for (const [file, module] of Object.entries(manifest.routes)) {
    const parsed = parseRouteFile(file);
    if (parsed.kind !== "route" || !parsed.pattern.startsWith("/v1/")) continue;
    const handler = module.handler;
    if (typeof handler !== "object" || handler === null) continue;
    const api = (module as { api?: RouteApi }).api ?? {};
    for (const method of METHODS) {
      if (!(method in handler)) continue;
      const requirement = requirementFor(module.access, method);
      out.push({ file, pattern: parsed.pattern, method, requirement, doc: api[method] });
    }
  }
  return out.sort((a, b) => a.pattern.localeCompare(b.pattern) || a.method.localeCompare(b.method));
}

/** `/v1/packages/:package` as OpenAPI writes it: `/v1/packages/{package}`. */
export function openApiPath(pattern: string): string {
  return pattern.replace(/:(\w+)\*?/g, "{$1}");
}

/** The document; throws naming every /v1 operation that has no description. */
export function buildDocument(manifest: Manifest): Record<string, unknown> {
  const operations = apiOperations(manifest);
  const missing = operations.filter((o) => !o.doc || !o.requirement);
  if (missing.length > 0) {
    throw new Error(
      "undescribed /v1 operations (add them to the route's `export const api`): " +
        missing.map((o) => `${o.method} ${o.pattern} (${o.file})`).join(", "),
    );
  }
  const schemas = new SchemaSet();
  schemas.of(ErrorJson, "output");
  const paths: Record<string, Record<string, unknown>> = {};
  for (const op of operations) {
    const path = openApiPath(op.pattern);
    paths[path] ??= {};
    paths[path][op.method.toLowerCase()] = operation(op, schemas);
  }
  return {
    openapi: "3.1.0",
    info: {
      title: `${SERVICE_NAME} API`,
      version: SERVICE_VERSION,
      description: "The /v1 JSON API of inactu-control. Every refusal answers " +
        '`{"error": "<message>"}` (and `issues`, one per field, when several fields are wrong). ' +
        "Authenticate with an API token (`Authorization: Bearer inactu_...`, created on the " +
        "tokens page) or a browser session.",
    },
    servers: [{ url: "/" }],
    paths,
    components: {
      schemas: schemas.components,
      securitySchemes: {
        bearer: {
          type: "http",
          scheme: "bearer",
          description: "An API token; the scopes an operation lists are the ones the token needs",
        },
        session: { type: "apiKey", in: "cookie", name: "__Host-session" },
      },
    },
  };
}

function operation(op: ApiOperation, schemas: SchemaSet): Record<string, unknown> {
  const doc = op.doc!;
  const parameters: JsonSchema[] = [];
  for (const m of op.pattern.matchAll(/:(\w+)/g)) {
    parameters.push({ name: m[1], in: "path", required: true, schema: { type: "string" } });
  }
  if (doc.query) {
    const query = schemas.of(doc.query, "input");
    const required = (query.required ?? []) as string[];
    for (const [name, schema] of Object.entries((query.properties ?? {}) as JsonSchema)) {
      const { description, ...rest } = schema as JsonSchema;
      parameters.push({
        name,
        in: "query",
        required: required.includes(name),
        ...(description ? { description } : {}),
        schema: rest,
      });
    }
  }
  const responses: Record<string, unknown> = {};
  for (const [status, r] of Object.entries(doc.responses)) {
    const content: Content = { ...(r.json ? { "application/json": r.json } : {}), ...r.content };
    responses[status] = {
      description: r.description,
      ...(r.headers
        ? {
          headers: Object.fromEntries(
            Object.entries(r.headers).map((
              [h, d],
            ) => [h, { description: d, schema: { type: "string" } }]),
          ),
        }
        : {}),
      ...(Object.keys(content).length > 0
        ? { content: media(content, schemas, "output", r.example) }
        : {}),
    };
  }
  const error = doc.errorJson
    ? schemas.of(doc.errorJson, "output")
    : { $ref: "#/components/schemas/Error" };
  for (const status of errorStatuses(op)) {
    responses[status] ??= errorResponse(status, error);
  }
  responses.default = errorResponse(0, error);
  // The organization routes exist only with ORGS_ENABLED (docs/adr/0010). The document is the
  // same whatever a server's flags are (one committed file, one served text), so they are
  // always described and marked: the description says so and `x-requires-flag` names the flag.
  const flag = ORG_ROUTE_FILE.test(op.file) ? "ORGS_ENABLED" : null;
  const description = [flag ? FLAG_NOTE : null, doc.description].filter(Boolean).join(" ");
  return {
    operationId: operationId(op),
    summary: doc.summary,
    ...(description ? { description } : {}),
    ...(flag ? { "x-requires-flag": flag } : {}),
    tags: doc.tags ?? [op.pattern.split("/")[2]],
    ...(parameters.length > 0 ? { parameters } : {}),
    ...(doc.body
      ? {
        requestBody: {
          required: doc.body.required ?? true,
          content: media(doc.body.content, schemas, "input", doc.body.example),
        },
      }
      : {}),
    responses,
    security: security(op.requirement!),
  };
}

function media(content: Content, schemas: SchemaSet, io: "input" | "output", example: unknown) {
  return Object.fromEntries(
    Object.entries(content).map(([type, schema], i) => {
      const json = schemas.of(schema, io);
      // JSON bodies without a hand-written example get one made from their schema.
      const sample = i === 0 && example !== undefined
        ? example
        : type === "application/json"
        ? exampleOf(json, schemas.components)
        : undefined;
      return [type, { schema: json, ...(sample !== undefined ? { example: sample } : {}) }];
    }),
  );
}

const REASONS: Record<number, string> = {
  0: "Any other refusal (500: internal server error)",
  400: "Invalid input: the message names the parameter or field and what is allowed",
  401: "Not signed in: send an API token as Authorization: Bearer <token>",
  403: "The token lacks the scope this operation needs, or only a browser session may do this",
  404: "Not found, or not yours",
  413: "The body is larger than this operation accepts",
  415: "The body is not of a media type this operation accepts",
  429: "Too many requests: Retry-After says when to try again",
};

/** The refusals an operation's declaration and inputs imply, plus those it lists. */
function errorStatuses(op: ApiOperation): number[] {
  const s = new Set<number>(op.doc!.errors ?? []);
  if (op.doc!.query || op.doc!.body || op.pattern.includes(":")) s.add(400);
  if (op.requirement !== "public") [401, 403].forEach((n) => s.add(n));
  if (op.pattern.includes(":")) s.add(404);
  if (op.doc!.body) [413, 415].forEach((n) => s.add(n));
  return [...s].sort();
}

function errorResponse(status: number, schema: JsonSchema): Record<string, unknown> {
  return {
    description: REASONS[status] ?? "Refused",
    ...(status === 429 ? { headers: { "retry-after": { schema: { type: "string" } } } } : {}),
    content: { "application/json": { schema } },
  };
}

function security(requirement: Requirement): Record<string, string[]>[] {
  if (requirement === "public") return [];
  if (requirement === "page" || requirement === "session") return [{ session: [] }];
  const rule = ACTIONS[requirement];
  if ("session" in rule && rule.session) return [{ session: [] }];
  return [{ bearer: scopeOf(requirement) ? [scopeOf(requirement)!] : [] }, { session: [] }];
}

function operationId(op: ApiOperation): string {
  const words = op.pattern.split("/").filter((w) => w && w !== "v1")
    .map((w) => w.replace(/^:/, "by_").replace(/\*$/, ""))
    .flatMap((w) => w.split(/[^A-Za-z0-9]+/)).filter(Boolean);
  return op.method.toLowerCase() +
    words.map((w) => w[0]!.toUpperCase() + w.slice(1)).join("");
}
