/** Structured logging: one JSON object per line on stdout (errors on stderr). */
export interface Logger {
  info(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
}

type Sink = (line: string, level: "info" | "warn" | "error") => void;

/** A JSON-lines logger; tests pass a sink to capture lines. */
export function createLogger(sink?: Sink): Logger {
  const write: Sink = sink ?? ((line, level) => {
    // deno-lint-ignore no-console
    (level === "error" ? console.error : console.log)(line);
  });
  const log =
    (level: "info" | "warn" | "error") => (msg: string, fields?: Record<string, unknown>) =>
      write(JSON.stringify({ ts: new Date().toISOString(), level, msg, ...fields }), level);
  return { info: log("info"), warn: log("warn"), error: log("error") };
}

/** Describes an unknown thrown value for a log line. */
export function errorFields(error: unknown): Record<string, unknown> {
  if (error instanceof Error) return { error: error.message, stack: error.stack, name: error.name };
  return { error: String(error) };
}
