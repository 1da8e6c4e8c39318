// What a /v1 route says about itself for the OpenAPI document (lib/openapi/document.ts): an
// `export const api = describe({ GET: {...} })` next to its `access`. Inputs are the zod schemas
// the handler parses with and responses the zod schemas of the JSON it answers, so the
// description is generated from the code rather than kept beside it.
import { z } from "zod";

/** A JSON Schema written by hand, for what zod does not model (raw bytes, event streams). */
export interface RawSchema {
  raw: Record<string, unknown>;
}

/** A body or response by media type: a zod schema, or a raw JSON Schema. */
export type Content = Record<string, z.ZodType | RawSchema>;

export interface ResponseDoc {
  description: string;
  /** Shorthand for `content: { "application/json": json }`. */
  json?: z.ZodType;
  content?: Content;
  headers?: Record<string, string>;
  example?: unknown;
}

export interface OperationDoc {
  summary: string;
  description?: string;
  query?: z.ZodType;
  body?: { required?: boolean; content: Content; example?: unknown };
  responses: Record<number, ResponseDoc>;
  /** Error statuses this operation answers besides those its declaration and inputs imply. */
  errors?: number[];
  /** The body of this operation's refusals, when it says more than ErrorJson. */
  errorJson?: z.ZodType;
  tags?: string[];
}

export type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
export type RouteApi = Partial<Record<Method, OperationDoc>>;

/** Types a route's description (identity at run time). */
export function describe(api: RouteApi): RouteApi {
  return api;
}

/** A raw JSON Schema for content zod cannot describe. */
export function raw(schema: Record<string, unknown>): RawSchema {
  return { raw: schema };
}

/** Bytes of a media type (archives, downloads). */
export const binary = raw({ type: "string", contentMediaType: "application/octet-stream" });

/** The error envelope every /v1 refusal answers with (routes/v1/_error.ts). */
export const ErrorJson = z.object({
  error: z.string(),
  issues: z.array(z.object({ field: z.string(), message: z.string() })).optional(),
}).meta({ id: "Error" });

/** `{"status": "...", "message"?}` answers of the account flows that send mail. */
export const Accepted = z.object({ status: z.string(), message: z.string().optional() });
