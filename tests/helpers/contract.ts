// The API's contract, checked on every response the tests see: a JSON answer from /v1 must
// match the schema the OpenAPI document gives its method, path and status (docs/openapi.json,
// built from the same routes). createTestApp's request() calls this, so each test file checks
// its own responses, in its own process, and a mismatch fails the test that caused it.
import { Ajv2020 } from "ajv/dist/2020.js";
import addFormatsModule from "ajv-formats";
import manifest from "@/routes.gen.ts";
import { buildDocument } from "@/lib/openapi/document.ts";

// ajv-formats is CommonJS: its default export arrives wrapped.
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ??
  addFormatsModule) as (ajv: Ajv2020) => Ajv2020;

type Json = Record<string, unknown>;
interface Operation {
  responses: Record<string, { content?: Record<string, { schema: Json }> }>;
}
interface Compiled {
  ajv: Ajv2020;
  routes: { regex: RegExp; path: string; methods: Record<string, Operation> }[];
}

let compiled: Compiled | null = null;

function load(): Compiled {
  if (compiled) return compiled;
  // Component references point into one registered schema holding the components.
  const doc = JSON.parse(
    JSON.stringify(buildDocument(manifest)).replaceAll('"#/components/', '"doc#/components/'),
  ) as { paths: Record<string, Record<string, Operation>>; components: Json };
  const ajv = addFormats(new Ajv2020({ allErrors: true, strict: false }));
  ajv.addSchema({ $id: "doc", components: doc.components });
  const routes = Object.entries(doc.paths).map(([path, methods]) => ({
    path,
    methods,
    regex: new RegExp("^" + path.replace(/\{\w+\}/g, "[^/]+") + "$"),
  }));
  compiled = { ajv, routes };
  return compiled;
}

/** Why a response breaks the contract, or null when it keeps it (or is not /v1 JSON). */
export async function contractProblem(req: Request, res: Response): Promise<string | null> {
  const url = new URL(req.url);
  const type = res.headers.get("content-type") ?? "";
  if (!url.pathname.startsWith("/v1/") || !type.startsWith("application/json")) return null;
  if (req.method === "HEAD" || res.status === 304) return null;
  const { ajv, routes } = load();
  const where = `${req.method} ${url.pathname} ${res.status}`;
  const route = routes.find((r) => r.regex.test(url.pathname));
  const op = route?.methods[req.method.toLowerCase()];
  let schema: Json | undefined;
  if (!op) {
    // Unknown paths and methods answer the error envelope.
    schema = { $ref: "doc#/components/schemas/Error" };
  } else {
    const described = op.responses[String(res.status)];
    if (!described && res.status < 400) return `${where}: the status is not described`;
    const response = described ?? op.responses.default!;
    schema = response.content?.["application/json"]?.schema;
    if (!schema) return `${where}: JSON is not a described content type`;
  }
  const text = await res.clone().text();
  const validate = ajv.compile(schema);
  if (validate(JSON.parse(text))) return null;
  return `${where} does not match docs/openapi.json: ${ajv.errorsText(validate.errors)}\n` +
    text.slice(0, 500);
}
