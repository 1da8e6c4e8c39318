// A JSON request body parsed strictly (lib/packages/bundle/strict_json.ts): repeated keys and
// __proto__ are refused, not silently resolved, because the verification endpoints hash what
// they are given and two readers must never see two different documents in the same bytes.
import { HttpError } from "../framework/http_error.ts";
import { BundleError } from "../packages/bundle/errors.ts";
import { parseStrictJson } from "../packages/bundle/strict_json.ts";
import { MiB, readBodyCapped, requireContentType } from "./body.ts";

/** The body as a JSON value: 415 unless JSON, 413 over `maxBytes`, 400 unless strict JSON. */
export async function readStrictJson(
  req: Request,
  options: { maxBytes?: number } = {},
): Promise<unknown> {
  requireContentType(req);
  const bytes = await readBodyCapped(req, options.maxBytes ?? MiB);
  try {
    return parseStrictJson(bytes, { file: "request body" });
  } catch (error) {
    if (error instanceof BundleError) {
      throw new HttpError(400, `request body is not valid JSON: ${error.message}`);
    }
    throw error;
  }
}

/** The body's fields: 415 unless JSON, 413 over `maxBytes`, 400 unless a strict JSON object. */
export async function readStrictJsonObject(
  req: Request,
  options: { maxBytes?: number; fields: readonly string[] },
): Promise<Record<string, unknown>> {
  const body = await readStrictJson(req, options);
  const allowed = options.fields.join(", ");
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    throw new HttpError(400, `request body must be a JSON object with the fields ${allowed}`);
  }
  const unknown = Object.keys(body).filter((k) => !options.fields.includes(k));
  if (unknown.length) {
    throw new HttpError(400, `unknown field ${unknown.join(", ")}; allowed: ${allowed}`);
  }
  return body as Record<string, unknown>;
}
