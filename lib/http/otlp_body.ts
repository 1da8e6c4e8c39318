// Reading an OTLP/HTTP logs request (OpenTelemetry Protocol, "OTLP/HTTP"): protobuf or JSON
// by Content-Type, optionally gzip-compressed. The body-size limit of log ingestion applies
// to the bytes as sent and again to the inflated bytes, so a gzip bomb stops at the limit;
// the JSON-shape walk bounds depth and size before anything recurses over the value.
import { Buffer } from "node:buffer";
import zlib from "node:zlib";
import { DomainError } from "../errors.ts";
import { HttpError } from "../framework/http_error.ts";
import { formatBytes, readBodyCapped } from "./body.ts";
import { type JsonShapeLimits, jsonShapeProblem } from "./json_shape.ts";
import { MAX_BATCH_BYTES } from "../logs/lines.ts";
import { ExportLogsServiceRequest } from "../otlp/proto.ts";
import { type OtlpResource, otlpResources } from "../otlp/request.ts";

export type OtlpEncoding = "json" | "protobuf";

/**
 * An export's JSON shape: as deep as the API's bodies, but with room for the thousands of
 * small objects of a full batch (512 records with attributes, the SDK's default); the byte
 * limit bounds the count anyway.
 */
export const OTLP_SHAPE_LIMITS: JsonShapeLimits = { maxDepth: 32, maxItems: 200_000 };

const TYPES = "application/x-protobuf or application/json";

/** The encoding a request's Content-Type names, or null for anything else. */
export function otlpEncodingOf(req: Request): OtlpEncoding | null {
  const type = (req.headers.get("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
  return type === "application/x-protobuf"
    ? "protobuf"
    : type === "application/json"
    ? "json"
    : null;
}

/** The request's encoding and its resources; 400, 413 or 415 saying what was wrong. */
export async function readOtlpLogs(
  req: Request,
): Promise<{ encoding: OtlpEncoding; resources: OtlpResource[] }> {
  const encoding = otlpEncodingOf(req);
  if (!encoding) throw new HttpError(415, `Content-Type must be ${TYPES} (OTLP/HTTP)`);
  const coding = (req.headers.get("content-encoding") ?? "identity").trim().toLowerCase();
  if (coding !== "gzip" && coding !== "identity") {
    throw new HttpError(415, "Content-Encoding must be gzip, or absent for an uncompressed body");
  }
  const sent = await readBodyCapped(req, MAX_BATCH_BYTES);
  const bytes = coding === "gzip" ? gunzip(sent) : sent;
  return { encoding, resources: encoding === "json" ? fromJson(bytes) : fromProtobuf(bytes) };
}

function gunzip(bytes: Uint8Array): Uint8Array {
  try {
    return zlib.gunzipSync(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), {
      maxOutputLength: MAX_BATCH_BYTES,
    });
  } catch (error) {
    if ((error as { code?: string }).code === "ERR_BUFFER_TOO_LARGE") {
      throw new DomainError(
        "too_large",
        `request body inflates to more than ${formatBytes(MAX_BATCH_BYTES)}, the limit`,
      );
    }
    throw new DomainError(
      "invalid",
      `request body is not valid gzip (Content-Encoding: gzip): ${(error as Error).message}`,
    );
  }
}

function checkShape(value: unknown): void {
  const problem = jsonShapeProblem(value, OTLP_SHAPE_LIMITS);
  if (problem) throw new DomainError("invalid", `request body ${problem}`);
}

function fromJson(bytes: Uint8Array): OtlpResource[] {
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes));
  } catch (e) {
    throw new DomainError(
      "invalid",
      `request body is not valid JSON: ${e instanceof Error ? e.message : e}`,
    );
  }
  checkShape(value);
  return otlpResources(value, "hex");
}

function fromProtobuf(bytes: Uint8Array): OtlpResource[] {
  let value: unknown;
  try {
    const message = ExportLogsServiceRequest.decode(bytes);
    value = ExportLogsServiceRequest.toObject(message, { longs: String, bytes: String });
  } catch (e) {
    // A RangeError is protobufjs recursing into nesting deeper than the stack (a hostile
    // AnyValue): refused like any malformed message.
    throw new DomainError(
      "invalid",
      `request body is not a valid protobuf ExportLogsServiceRequest: ${
        e instanceof RangeError ? "nested too deeply" : e instanceof Error ? e.message : e
      }`,
    );
  }
  checkShape(value);
  return otlpResources(value, "base64");
}
