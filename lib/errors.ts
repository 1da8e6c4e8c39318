// The one error type of the domain (lib/<domain>): a closed set of kinds that say what went
// wrong in the user's terms. Mapping a kind to an HTTP status and body happens in one place,
// lib/http/errors.ts; nothing under lib/<domain> needs to know about HTTP.

export type ErrorKind =
  | "invalid"
  | "unauthenticated"
  | "forbidden"
  | "not_found"
  | "conflict"
  | "rate_limited"
  | "too_large"
  | "unavailable";

/** One problem with one input field, for forms that show each message beside its field. */
export interface FieldIssue {
  field: string;
  message: string;
}

export interface DomainErrorOptions {
  /** Per-field problems (kind "invalid"). */
  issues?: FieldIssue[];
  /** When a retry may succeed (kind "rate_limited", sometimes "unavailable"). */
  retryAfterSeconds?: number;
  cause?: unknown;
}

/** A refusal the caller can understand and act on; anything else thrown is a bug (500). */
export class DomainError extends Error {
  readonly kind: ErrorKind;
  readonly issues: FieldIssue[];
  readonly retryAfterSeconds: number | null;

  constructor(kind: ErrorKind, message: string, options: DomainErrorOptions = {}) {
    super(message, { cause: options.cause });
    this.name = "DomainError";
    this.kind = kind;
    this.issues = options.issues ?? [];
    this.retryAfterSeconds = options.retryAfterSeconds ?? null;
  }
}

/** A refusal of invalid input naming the field; `message` is the whole sentence shown. */
export function invalid(field: string, message: string): DomainError {
  return new DomainError("invalid", message, { issues: [{ field, message }] });
}
