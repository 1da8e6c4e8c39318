// OTLP/HTTP answers (OpenTelemetry Protocol, "OTLP/HTTP Response"): an
// ExportLogsServiceResponse on success, with partial_success when records were rejected, and
// a google.rpc.Status on failure; both in the encoding of the request.
import { HttpError } from "../framework/http_error.ts";
import { ExportLogsServiceResponse, RpcStatus } from "../otlp/proto.ts";
import type { ExportResult } from "../otlp/ingest.ts";
import type { OtlpEncoding } from "./otlp_body.ts";
import { copyHeaders } from "../framework/headers.ts";

const MEDIA_TYPES: Record<OtlpEncoding, string> = {
  json: "application/json",
  protobuf: "application/x-protobuf",
};

function encode(
  encoding: OtlpEncoding,
  type: typeof RpcStatus,
  value: Record<string, unknown>,
): BodyInit {
  // protobuf's JSON mapping writes int64 as a decimal string.
  if (encoding === "json") return JSON.stringify(value);
  return type.encode(type.fromObject(value)).finish() as Uint8Array<ArrayBuffer>;
}

/** 200 with the export's answer: empty when everything was stored. */
export function otlpSuccess(encoding: OtlpEncoding, result: ExportResult): Response {
  const value = result.rejected > 0 || result.errorMessage
    ? {
      partialSuccess: {
        rejectedLogRecords: String(result.rejected),
        errorMessage: result.errorMessage,
      },
    }
    : {};
  return new Response(encode(encoding, ExportLogsServiceResponse, value), {
    status: 200,
    headers: { "content-type": MEDIA_TYPES[encoding] },
  });
}

// google.rpc.Code for each status OTLP/HTTP answers with.
const RPC_CODES: Record<number, number> = {
  400: 3, // INVALID_ARGUMENT
  401: 16, // UNAUTHENTICATED
  403: 7, // PERMISSION_DENIED
  404: 5, // NOT_FOUND
  413: 8, // RESOURCE_EXHAUSTED
  415: 3,
  429: 8,
  500: 13, // INTERNAL
  503: 14, // UNAVAILABLE
};

/**
 * A failure as a google.rpc.Status, protobuf for protobuf requests and JSON otherwise, with
 * the error's headers (Retry-After on 429 and 503, WWW-Authenticate on 401).
 */
export function otlpFailure(encoding: OtlpEncoding, error: HttpError): Response {
  const headers = copyHeaders(error.headers);
  headers.set("content-type", MEDIA_TYPES[encoding]);
  const status = { code: RPC_CODES[error.status] ?? 2, message: error.message };
  return new Response(encode(encoding, RpcStatus, status), { status: error.status, headers });
}
