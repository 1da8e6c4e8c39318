// The OpenAPI document shaped for the reference page (/docs/api): one entry per operation with
// who may call it, its parameters, bodies, responses and a curl command on this server's origin.
import type { Manifest } from "../framework/manifest.ts";
import { buildDocument } from "./document.ts";

type Json = Record<string, unknown>;

export interface ReferenceOperation {
  id: string;
  method: string;
  path: string;
  summary: string;
  description: string | null;
  auth: string;
  parameters: { name: string; in: string; required: boolean; type: string }[];
  bodies: string[];
  example: string | null;
  responses: { status: string; description: string; fields: string[]; example: string | null }[];
  curl: string;
}

let cached: { doc: Json; ops: Omit<ReferenceOperation, "curl">[] } | null = null;

/** Every operation, filtered by `q` (method, path or summary), with curl for `origin`. */
export function referenceOperations(
  manifest: Manifest,
  origin: string,
  q: string,
): ReferenceOperation[] {
  cached ??= shape(buildDocument(manifest));
  const needle = q.trim().toLowerCase();
  return cached.ops
    .filter((o) => !needle || `${o.method} ${o.path} ${o.summary}`.toLowerCase().includes(needle))
    .map((o) => ({ ...o, curl: curl(o, origin) }));
}

function shape(doc: Json): { doc: Json; ops: Omit<ReferenceOperation, "curl">[] } {
  const schemas = (doc.components as { schemas: Record<string, Json> }).schemas;
  const resolve = (s: Json | undefined): Json | undefined =>
    typeof s?.$ref === "string" ? schemas[s.$ref.split("/").pop()!] : s;
  const ops: Omit<ReferenceOperation, "curl">[] = [];
  for (const [path, methods] of Object.entries(doc.paths as Record<string, Record<string, Json>>)) {
    for (const [method, op] of Object.entries(methods)) {
      const body = op.requestBody as { content: Record<string, Json> } | undefined;
      const first = body ? Object.values(body.content)[0] : undefined;
      ops.push({
        id: op.operationId as string,
        method: method.toUpperCase(),
        path,
        summary: op.summary as string,
        description: (op.description as string | undefined) ?? null,
        auth: authText(op.security as Record<string, string[]>[]),
        parameters: ((op.parameters ?? []) as Json[]).map((p) => ({
          name: p.name as string,
          in: p.in as string,
          required: p.required === true,
          type: typeText(p.schema as Json),
        })),
        bodies: body ? Object.keys(body.content) : [],
        example: first?.example !== undefined ? JSON.stringify(first.example) : null,
        responses: Object.entries(op.responses as Record<string, Json>).map(([status, r]) => {
          const json = (r.content as Record<string, Json> | undefined)?.["application/json"];
          const schema = resolve(json?.schema as Json | undefined);
          return {
            status,
            description: r.description as string,
            fields: Object.keys((schema?.properties ?? {}) as Json),
            // The success answer's example, shown under the responses.
            example: /^2/.test(status) && json?.example !== undefined
              ? JSON.stringify(json.example, null, 2)
              : null,
          };
        }),
      });
    }
  }
  return { doc, ops };
}

function authText(security: Record<string, string[]>[]): string {
  if (security.length === 0) return "No sign-in needed";
  const bearer = security.find((s) => s.bearer)?.bearer;
  if (!bearer) return "A browser session only (API tokens are refused)";
  return bearer.length
    ? `An API token with the ${bearer.join(", ")} scope, or a browser session`
    : "An API token or a browser session";
}

function typeText(schema: Json): string {
  if (Array.isArray(schema.enum)) return schema.enum.join(" | ");
  if (schema.pattern === "^-?\\d{1,10}$") return "integer";
  return typeof schema.type === "string" ? schema.type : "string";
}

function curl(o: Omit<ReferenceOperation, "curl">, origin: string): string {
  const lines = [`curl${o.method === "GET" ? "" : ` -X ${o.method}`} '${origin}${o.path}'`];
  if (o.auth.startsWith("An API token")) lines.push(`-H "Authorization: Bearer $INACTU_TOKEN"`);
  const type = o.bodies[0];
  if (type === "application/json") {
    lines.push("-H 'content-type: application/json'", `-d '${o.example ?? "{}"}'`);
  } else if (type === "multipart/form-data") lines.push("-F 'bundle=@bundle.tar.gz'");
  else if (type === "application/x-ndjson") lines.push("--data-binary @lines.ndjson");
  return lines.join(" \\\n  ");
}
