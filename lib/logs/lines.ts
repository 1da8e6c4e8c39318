// What a runtime sends: one line, a JSON array of lines, or NDJSON. Every line is checked
// before anything is written, and the first problem is reported with its line and field, so
// a batch is all or nothing.
import { DomainError } from "../errors.ts";
import { formatBytes, KiB, MiB, readBodyCapped, requireContentType } from "../http/body.ts";
import { type JsonShapeLimits, jsonShapeProblem } from "../http/json_shape.ts";
import { isSeverity, levelOf, SEVERITY_MESSAGE } from "./severity.ts";
import { checkText } from "./text.ts";
import { parseRfc3339 } from "./time.ts";
import { DAY, MINUTE } from "../time.ts";

export const MAX_BATCH_LINES = 1000;
export const MAX_BATCH_BYTES = MiB;
export const MAX_MESSAGE_CHARS = 4096;
export const MAX_METADATA_BYTES = 16 * KiB;
/** metadata_json's shape: it is printed on the viewer, so it stays shallow and small. */
export const METADATA_LIMITS: JsonShapeLimits = { maxDepth: 20, maxItems: 1000 };
/** A client `ts` may be this far in the past (a runtime flushing a buffer after an outage). */
export const MAX_TS_PAST_MS = DAY;
/** ...and this far ahead of our clock (clock skew). */
export const MAX_TS_FUTURE_MS = 5 * MINUTE;

/** A checked line, ready to store. `ts` is null when the server's time applies. */
export interface NewLogLine {
  level: number;
  message: string;
  metadata: Record<string, unknown> | null;
  /** `metadata` as stored: serialized once, when its size is checked. */
  metadataJson: string | null;
  ts: Date | null;
}

export interface ParsedLogBody {
  /** True for a single JSON object: the answer then carries the stored line. */
  single: boolean;
  lines: NewLogLine[];
}

const FIELDS = new Set(["severity", "message", "metadata_json", "ts"]);
const NDJSON = /^application\/(x-)?ndjson\s*(;|$)|^application\/jsonl\s*(;|$)/i;
const encoder = new TextEncoder();

/** Reads and checks a log request body; a 400 names the line (in batches) and the field. */
export async function readLogBody(req: Request, now: Date): Promise<ParsedLogBody> {
  const ndjson = NDJSON.test(req.headers.get("content-type") ?? "");
  if (!ndjson) requireContentType(req, "application/json or application/x-ndjson");
  const bytes = await readBodyCapped(req, MAX_BATCH_BYTES);
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new DomainError("invalid", "request body is not valid UTF-8");
  }
  return ndjson ? parseNdjson(text, now) : parseJson(text, now);
}

/** JSON.parse, or the 400 that names `what` ("request body", "line 3") and the parser's reason. */
function parseOrRefuse(text: string, what: string): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new DomainError(
      "invalid",
      `${what} not valid JSON: ${e instanceof Error ? e.message : e}`,
    );
  }
}

function parseJson(text: string, now: Date): ParsedLogBody {
  const value = parseOrRefuse(text, "request body is");
  if (!Array.isArray(value)) {
    const line = checkLine(value, now.getTime());
    if (typeof line === "string") throw new DomainError("invalid", line);
    return { single: true, lines: [line] };
  }
  checkCount(value.length);
  return { single: false, lines: value.map((v, i) => lineOrThrow(v, i + 1, now.getTime())) };
}

function parseNdjson(text: string, now: Date): ParsedLogBody {
  const raw = text.split("\n");
  const entries: [number, string][] = [];
  raw.forEach((line, i) => {
    if (line.trim() !== "") entries.push([i + 1, line]);
  });
  checkCount(entries.length);
  const lines = entries.map(([n, line]) => {
    const value = parseOrRefuse(line, `line ${n}:`);
    return lineOrThrow(value, n, now.getTime());
  });
  return { single: false, lines };
}

function checkCount(n: number): void {
  if (n === 0) throw new DomainError("invalid", "a batch needs at least one line");
  if (n > MAX_BATCH_LINES) {
    throw new DomainError(
      "invalid",
      `a batch holds at most ${MAX_BATCH_LINES} lines (or ${
        formatBytes(MAX_BATCH_BYTES)
      }); this one has ${n}`,
    );
  }
}

function lineOrThrow(value: unknown, n: number, now: number): NewLogLine {
  const line = checkLine(value, now);
  if (typeof line === "string") throw new DomainError("invalid", `line ${n}: ${line}`);
  return line;
}

/** A stored-ready line, or the problem as "<field> must ..." (the compatible messages). */
export function checkLine(value: unknown, now: number): NewLogLine | string {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    return "a log line must be a JSON object with severity and message";
  }
  const record = value as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    if (!FIELDS.has(key)) {
      return `unknown field ${key}; allowed: severity, message, metadata_json, ts`;
    }
  }
  const severity = typeof record.severity === "string" ? record.severity.trim() : "";
  if (!isSeverity(severity)) return SEVERITY_MESSAGE;
  const message = checkText("message", record.message, {
    max: MAX_MESSAGE_CHARS,
    required: true,
    multiline: true,
  });
  if ("error" in message) return message.error;
  const metadata = checkMetadata(record.metadata_json);
  if (typeof metadata === "string") return metadata;
  const ts = checkTs(record.ts, now);
  if (typeof ts === "string") return ts;
  return { level: levelOf(severity), message: message.value!, ...metadata, ts };
}

function checkMetadata(
  value: unknown,
): Pick<NewLogLine, "metadata" | "metadataJson"> | string {
  if (value === undefined || value === null) return { metadata: null, metadataJson: null };
  if (typeof value !== "object" || Array.isArray(value)) {
    return "metadata_json must be a JSON object or null";
  }
  // Before JSON.stringify, which recurses: a deep enough value would overflow the stack.
  const problem = jsonShapeProblem(value, METADATA_LIMITS);
  if (problem) return `metadata_json ${problem}`;
  const json = JSON.stringify(value);
  const size = encoder.encode(json).length;
  if (size > MAX_METADATA_BYTES) {
    return `metadata_json must be at most ${
      formatBytes(MAX_METADATA_BYTES)
    } as JSON; it is ${size} bytes`;
  }
  return { metadata: value as Record<string, unknown>, metadataJson: json };
}

function checkTs(value: unknown, now: number): Date | null | string {
  if (value === undefined || value === null) return null;
  const ts = typeof value === "string" ? parseRfc3339(value) : null;
  if (!ts) return "ts must be a valid RFC3339 timestamp (e.g. 2026-02-06T12:30:00Z)";
  if (ts.getTime() < now - MAX_TS_PAST_MS) return "ts must not be more than 24 hours in the past";
  if (ts.getTime() > now + MAX_TS_FUTURE_MS) {
    return "ts must not be more than 5 minutes in the future";
  }
  return ts;
}
