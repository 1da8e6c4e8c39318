import type { z } from "zod";
import { HttpError } from "../framework/http_error.ts";
import { ByteSink, formatBytes, KiB, MiB } from "../bytes.ts";
import { parseInput } from "../validation.ts";
import { JSON_BODY_LIMITS, jsonShapeProblem } from "./json_shape.ts";

// Sizes are lib/bytes.ts's; re-exported for the HTTP modules that name their limits.
export { formatBytes, KiB, MiB };

/**
 * Reads the whole body, counting bytes as they arrive: Content-Length is never trusted, and
 * reading stops (413) as soon as the limit is passed.
 */
export async function readBodyCapped(
  req: Request,
  maxBytes: number,
): Promise<Uint8Array<ArrayBuffer>> {
  const declared = Number(req.headers.get("content-length") ?? "0");
  if (declared > maxBytes) throw tooLarge(maxBytes);
  if (!req.body) return new Uint8Array(0);
  if (declared > 0) {
    const byob = byobReader(req.body);
    if (byob) return await readDeclared(byob, declared);
  }
  // The declared length only sizes the buffer; the limit is enforced on what arrives.
  const sink = new ByteSink(declared, maxBytes);
  const reader = req.body.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      if (!sink.push(value)) throw tooLarge(maxBytes);
    }
  } catch (e) {
    await reader.cancel().catch(() => {});
    throw e;
  }
  return sink.bytes();
}

function byobReader(body: ReadableStream<Uint8Array>): ReadableStreamBYOBReader | null {
  try {
    return body.getReader({ mode: "byob" });
  } catch {
    return null; // not a byte stream
  }
}

/**
 * Reads a body of a declared length (already within the limit) straight into one buffer: no
 * chunks are left for the garbage collector, so a 10 MiB upload costs 10 MiB (ADR 0008).
 */
async function readDeclared(
  reader: ReadableStreamBYOBReader,
  declared: number,
): Promise<Uint8Array<ArrayBuffer>> {
  let buffer = new ArrayBuffer(declared);
  let length = 0;
  try {
    while (length < declared) {
      // At most 256 KiB a read: the runtime stages each read in a buffer as large as the view
      // it is given, so a view over the whole rest would cost the body twice.
      const window = Math.min(declared - length, 256 * KiB);
      const { done, value } = await reader.read(new Uint8Array(buffer, length, window));
      if (done) break;
      // A read hands the buffer back under a new ArrayBuffer (the old one is detached).
      buffer = value.buffer;
      length += value.byteLength;
    }
    if (length === declared && !(await reader.read(new Uint8Array(1))).done) {
      throw new HttpError(400, `the body is longer than its Content-Length of ${declared} bytes`);
    }
  } catch (e) {
    await reader.cancel().catch(() => {});
    throw e;
  }
  return new Uint8Array(buffer, 0, length);
}

function tooLarge(maxBytes: number): HttpError {
  return new HttpError(413, `request body is larger than the limit of ${formatBytes(maxBytes)}`);
}

/** 415 naming what is accepted, unless the request's body is JSON. */
export function requireContentType(req: Request, accepted = "application/json"): void {
  if (!isJsonRequest(req)) throw new HttpError(415, `Content-Type must be ${accepted}`);
}

/** Whether the request says its body is JSON (`application/json`, parameters allowed). */
export function isJsonRequest(req: Request): boolean {
  return /^application\/json\s*(;|$)/i.test(req.headers.get("content-type") ?? "");
}

/**
 * Reads a JSON body (capped in bytes, depth and items; application/json only) and validates it
 * with a strict schema.
 */
export async function readJson<T extends z.ZodType>(
  req: Request,
  schema: T,
  options: { maxBytes?: number; /** Treat an empty body as `{}`. */ optional?: boolean } = {},
): Promise<z.infer<T>> {
  const bytes = await readBodyCapped(req, options.maxBytes ?? MiB);
  if (options.optional && bytes.byteLength === 0) return parseInput(schema, {});
  requireContentType(req);
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes));
  } catch (e) {
    throw new HttpError(
      400,
      `request body is not valid JSON: ${e instanceof Error ? e.message : e}`,
    );
  }
  const problem = jsonShapeProblem(value, JSON_BODY_LIMITS);
  if (problem) throw new HttpError(400, `request body ${problem}`);
  return parseInput(schema, value);
}

/** Reads an urlencoded or multipart form body, capped. */
export async function readForm(
  req: Request,
  options: { maxBytes?: number } = {},
): Promise<FormData> {
  const type = req.headers.get("content-type") ?? "";
  if (!/^(application\/x-www-form-urlencoded|multipart\/form-data)\s*(;|$)/i.test(type)) {
    throw new HttpError(
      415,
      "Content-Type must be application/x-www-form-urlencoded or multipart/form-data",
    );
  }
  const bytes = await readBodyCapped(req, options.maxBytes ?? 64 * KiB);
  try {
    return await new Request(req.url, {
      method: "POST",
      headers: { "content-type": type },
      body: bytes,
    })
      .formData();
  } catch {
    throw new HttpError(400, "request body is not a valid form");
  }
}

/** The text fields of a form as a plain object (files and repeated names are left out). */
export function formFields(form: FormData): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of form) if (typeof v === "string" && !(k in out)) out[k] = v;
  return out;
}
