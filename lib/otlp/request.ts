// An ExportLogsServiceRequest as plain data, from either encoding: the OTLP/JSON body as
// parsed, or the protobuf message after protobufjs's toObject. Both use the lowerCamelCase
// field names; they differ only in how trace and span ids are written (OTLP/JSON: hex,
// protobuf: bytes, here base64). Unknown fields are ignored, as OTLP/JSON receivers must.
import { DomainError } from "../errors.ts";

/** An attribute or body value as JSON: kvlists become objects, bytes base64 text. */
export type JsonValue = string | number | boolean | null | JsonValue[] | {
  [key: string]: JsonValue;
};

export interface OtlpRecord {
  /** Milliseconds since the epoch; null when the field is 0 or absent. */
  timeMs: number | null;
  observedMs: number | null;
  severityNumber: number;
  severityText: string;
  body: JsonValue | undefined;
  attributes: Record<string, JsonValue>;
  traceId: string;
  spanId: string;
  eventName: string;
}

export interface OtlpResource {
  attributes: Record<string, JsonValue>;
  scopes: { name: string; records: OtlpRecord[] }[];
}

type Obj = Record<string, unknown>;

function refuse(path: string, rule: string): never {
  throw new DomainError("invalid", `${path} ${rule}`);
}

function object(value: unknown, path: string): Obj {
  if (value === undefined || value === null) return {};
  if (typeof value !== "object" || Array.isArray(value)) refuse(path, "must be an object");
  return value as Obj;
}

function list(value: unknown, path: string): unknown[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) refuse(path, "must be an array");
  return value;
}

function text(value: unknown, path: string): string {
  if (value === undefined || value === null) return "";
  if (typeof value !== "string") refuse(path, "must be a string");
  return value;
}

/** int64 and fixed64 fields: a decimal string or a number (OTLP/JSON allows both). */
function int64(value: unknown, path: string): bigint {
  if (value === undefined || value === null || value === "") return 0n;
  if (typeof value === "number" && Number.isFinite(value)) return BigInt(Math.trunc(value));
  if (typeof value === "string" && /^-?\d{1,20}$/.test(value)) return BigInt(value);
  refuse(path, "must be a whole number, as a decimal string or a number");
}

function nanosToMs(value: unknown, path: string): number | null {
  const nanos = int64(value, path);
  if (nanos <= 0n) return null;
  return Number(nanos / 1_000_000n);
}

const SEVERITY_NAME = /^SEVERITY_NUMBER_(TRACE|DEBUG|INFO|WARN|ERROR|FATAL)([234])?$/;
const SEVERITY_BASE = { TRACE: 1, DEBUG: 5, INFO: 9, WARN: 13, ERROR: 17, FATAL: 21 } as const;

/** The enum as its number; OTLP/JSON sends numbers, protobuf JSON may send the names. */
function severityNumber(value: unknown, path: string): number {
  if (value === undefined || value === null) return 0;
  if (typeof value === "number" && Number.isInteger(value)) return value;
  if (value === "SEVERITY_NUMBER_UNSPECIFIED") return 0;
  const m = typeof value === "string" ? SEVERITY_NAME.exec(value) : null;
  if (!m) refuse(path, "must be a SeverityNumber from 0 to 24");
  return SEVERITY_BASE[m[1] as keyof typeof SEVERITY_BASE] + Number(m[2] ?? 1) - 1;
}

function hexId(value: unknown, path: string, ids: "hex" | "base64"): string {
  const raw = text(value, path);
  if (raw === "") return "";
  if (ids === "base64") {
    return [...atob(raw)].map((c) => c.charCodeAt(0).toString(16).padStart(2, "0")).join("");
  }
  if (!/^[0-9a-fA-F]+$/.test(raw) || raw.length % 2) refuse(path, "must be hex text");
  return raw.toLowerCase();
}

/** An AnyValue as JSON. Integers past 2^53 stay exact as decimal text. */
export function anyValue(value: unknown, path: string): JsonValue {
  const v = object(value, path);
  if (Object.hasOwn(v, "stringValue")) return text(v.stringValue, `${path}.stringValue`);
  if (Object.hasOwn(v, "boolValue")) return v.boolValue === true;
  if (Object.hasOwn(v, "intValue")) {
    const n = int64(v.intValue, `${path}.intValue`);
    return Number.isSafeInteger(Number(n)) ? Number(n) : String(n);
  }
  if (Object.hasOwn(v, "doubleValue")) {
    const d = Number(v.doubleValue);
    return Number.isFinite(d) ? d : String(v.doubleValue);
  }
  if (Object.hasOwn(v, "arrayValue")) {
    const values = list(object(v.arrayValue, `${path}.arrayValue`).values, `${path}.arrayValue`);
    return values.map((item, i) => anyValue(item, `${path}.arrayValue.values[${i}]`));
  }
  if (Object.hasOwn(v, "kvlistValue")) {
    return keyValues(object(v.kvlistValue, path).values, `${path}.kvlistValue.values`);
  }
  if (Object.hasOwn(v, "bytesValue")) return text(v.bytesValue, `${path}.bytesValue`);
  return null;
}

/** A repeated KeyValue as an object; a repeated key keeps its last value. */
export function keyValues(value: unknown, path: string): Record<string, JsonValue> {
  const entries = list(value, path).map((item, i): [string, JsonValue] => {
    const kv = object(item, `${path}[${i}]`);
    return [text(kv.key, `${path}[${i}].key`), anyValue(kv.value, `${path}[${i}].value`)];
  });
  // fromEntries defines own properties: a key named __proto__ stays a plain key.
  return Object.fromEntries(entries);
}

function record(value: unknown, path: string, ids: "hex" | "base64"): OtlpRecord {
  const r = object(value, path);
  return {
    timeMs: nanosToMs(r.timeUnixNano, `${path}.timeUnixNano`),
    observedMs: nanosToMs(r.observedTimeUnixNano, `${path}.observedTimeUnixNano`),
    severityNumber: severityNumber(r.severityNumber, `${path}.severityNumber`),
    severityText: text(r.severityText, `${path}.severityText`),
    body: r.body === undefined || r.body === null ? undefined : anyValue(r.body, `${path}.body`),
    attributes: keyValues(r.attributes, `${path}.attributes`),
    traceId: hexId(r.traceId, `${path}.traceId`, ids),
    spanId: hexId(r.spanId, `${path}.spanId`, ids),
    eventName: text(r.eventName, `${path}.eventName`),
  };
}

/** The request's resources, scopes and records; 400 naming the path of a malformed field. */
export function otlpResources(value: unknown, ids: "hex" | "base64"): OtlpResource[] {
  const root = object(value, "the request body");
  return list(root.resourceLogs, "resourceLogs").map((item, i) => {
    const path = `resourceLogs[${i}]`;
    const rl = object(item, path);
    const resource = object(rl.resource, `${path}.resource`);
    return {
      attributes: keyValues(resource.attributes, `${path}.resource.attributes`),
      scopes: list(rl.scopeLogs, `${path}.scopeLogs`).map((s, j) => {
        const sp = `${path}.scopeLogs[${j}]`;
        const scope = object(object(s, sp).scope, `${sp}.scope`);
        return {
          name: text(scope.name, `${sp}.scope.name`),
          records: list(object(s, sp).logRecords, `${sp}.logRecords`)
            .map((r, k) => record(r, `${sp}.logRecords[${k}]`, ids)),
        };
      }),
    };
  });
}
