// Building OTLP/HTTP logs requests by hand (the SDK test uses the real exporters): OTLP/JSON
// bodies, the same as protobuf, and gzip, sent with a token like an exporter would.
import { Buffer } from "node:buffer";
import zlib from "node:zlib";
import type { TestApp } from "../helpers/app.ts";
import {
  ExportLogsServiceRequest,
  ExportLogsServiceResponse,
  RpcStatus,
} from "@/lib/otlp/proto.ts";

export const PATH = "/v1/otlp/v1/logs";

/** Nanoseconds since the epoch of a Date, as OTLP/JSON writes them. */
export function nanos(date: Date): string {
  return `${BigInt(date.getTime()) * 1_000_000n}`;
}

export function str(key: string, value: string) {
  return { key, value: { stringValue: value } };
}

/** One resource with one scope holding `records`. */
export function request(
  resource: Array<{ key: string; value: unknown }>,
  records: unknown[],
  scope = "checkout",
) {
  return {
    resourceLogs: [{
      resource: { attributes: resource },
      scopeLogs: [{ scope: { name: scope }, logRecords: records }],
    }],
  };
}

/** OTLP/JSON ids are hex; protobuf wants the bytes. */
function withBytes(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withBytes);
  if (typeof value !== "object" || value === null) return value;
  return Object.fromEntries(
    Object.entries(value).map(([k, v]) =>
      (k === "traceId" || k === "spanId") && typeof v === "string"
        ? [k, Buffer.from(v, "hex")]
        : [k, withBytes(v)]
    ),
  );
}

export function protobufOf(body: unknown): Uint8Array<ArrayBuffer> {
  const message = ExportLogsServiceRequest.fromObject(withBytes(body) as Record<string, unknown>);
  return ExportLogsServiceRequest.encode(message).finish() as Uint8Array<ArrayBuffer>;
}

export function gzip(bytes: Uint8Array | string): Uint8Array<ArrayBuffer> {
  return new Uint8Array(zlib.gzipSync(bytes));
}

export interface Sent {
  status: number;
  headers: Headers;
  /** The answer decoded: ExportLogsServiceResponse on 200, google.rpc.Status otherwise. */
  body: Record<string, unknown>;
}

/** Sends `body` as OTLP/JSON or protobuf (gzip when asked) and decodes the answer. */
export async function send(
  app: TestApp,
  token: string | null,
  body: unknown,
  options: { encoding?: "json" | "protobuf"; gzip?: boolean; headers?: HeadersInit } = {},
): Promise<Sent> {
  const encoding = options.encoding ?? "json";
  let bytes: Uint8Array<ArrayBuffer> | string = encoding === "json"
    ? JSON.stringify(body)
    : protobufOf(body);
  if (options.gzip) bytes = gzip(bytes);
  const headers = new Headers(options.headers);
  if (!headers.has("content-type")) {
    headers.set(
      "content-type",
      encoding === "json" ? "application/json" : "application/x-protobuf",
    );
  }
  if (options.gzip) headers.set("content-encoding", "gzip");
  if (token) headers.set("authorization", `Bearer ${token}`);
  const res = await app.request(PATH, { method: "POST", headers, body: bytes });
  return { status: res.status, headers: res.headers, body: await decode(res) };
}

async function decode(res: Response): Promise<Record<string, unknown>> {
  const type = res.headers.get("content-type") ?? "";
  if (type.startsWith("application/json")) return await res.json();
  const bytes = new Uint8Array(await res.arrayBuffer());
  const message = res.status === 200 ? ExportLogsServiceResponse : RpcStatus;
  return message.toObject(message.decode(bytes), { longs: String }) as Record<string, unknown>;
}

/** A service instance's resource, as an SDK describes it. */
export const RESOURCE = [
  str("service.name", "checkout"),
  str("service.instance.id", "pod-7"),
  str("process.runtime.name", "nodejs"),
  str("process.runtime.version", "22.1.0"),
  str("host.name", "web-1"),
  str("deployment.environment.name", "prod"),
];

/** Two records: text with attributes and trace context, then a structured error. */
export function records(rt: { app: TestApp }) {
  const now = rt.app.clock.now();
  return [
    {
      timeUnixNano: nanos(new Date(now.getTime() - 2000)),
      severityNumber: 9,
      severityText: "INFO",
      body: { stringValue: "order placed" },
      attributes: [str("order.id", "o-1"), { key: "amount", value: { intValue: "42" } }],
      traceId: "5b8efff798038103d269b633813fc60c",
      spanId: "eee19b7ec3c1b174",
    },
    {
      timeUnixNano: nanos(new Date(now.getTime() - 1000)),
      severityNumber: 17,
      body: {
        kvlistValue: {
          values: [str("error", "card declined"), { key: "retry", value: { boolValue: true } }],
        },
      },
    },
  ];
}
