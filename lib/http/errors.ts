// The one mapping from the domain's errors to HTTP: a status per kind, Retry-After and
// WWW-Authenticate where they apply, and the API's `{"error": "...", "issues": [...]}` body.
import { HttpError } from "../framework/http_error.ts";
import { DomainError, type ErrorKind, type FieldIssue } from "../errors.ts";
import { copyHeaders } from "../framework/headers.ts";

const STATUS: Record<ErrorKind, number> = {
  invalid: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  too_large: 413,
  rate_limited: 429,
  unavailable: 503,
};

/** The HTTP status of a DomainError's kind. */
export function statusOf(error: DomainError): number {
  return STATUS[error.kind];
}

/**
 * For a page's form: a refusal to show beside the form again (invalid input, wrong credentials,
 * a conflict, a limit), with its status and headers (a limit's Retry-After); null for anything
 * else, which the error page answers.
 */
export function formFailure(
  error: unknown,
): { message: string; issues: FieldIssue[]; status: number; headers: Headers } | null {
  if (!(error instanceof DomainError)) return null;
  const shown = [
    "invalid",
    "unauthenticated",
    "conflict",
    "rate_limited",
    "too_large",
    "forbidden",
  ];
  if (!shown.includes(error.kind)) {
    return null;
  }
  const { status, headers } = httpErrorOf(error)!;
  return { message: error.message, issues: error.issues, status, headers };
}

/** A form's messages by the name of the field they belong to; `form` holds the rest. */
export type FieldErrors = Partial<Record<string, string>>;

/**
 * A refusal's messages for a form with these `fields`: each beside its field, without the
 * field's name the message starts with ("password: ..."); anything else is the form's.
 */
export function fieldErrors(
  failure: { message: string; issues: FieldIssue[] },
  fields: readonly string[],
): FieldErrors {
  const errors: FieldErrors = {};
  for (const { field, message } of failure.issues) {
    if (!fields.includes(field)) continue;
    const prefix = `${field}: `;
    errors[field] ??= message.startsWith(prefix) ? message.slice(prefix.length) : message;
  }
  if (Object.keys(errors).length === 0) errors.form = failure.message;
  return errors;
}

/** The HttpError a DomainError answers with (its cause stays the DomainError); else null. */
export function httpErrorOf(error: unknown): HttpError | null {
  if (!(error instanceof DomainError)) return null;
  const headers = new Headers();
  if (error.retryAfterSeconds !== null) headers.set("retry-after", String(error.retryAfterSeconds));
  if (error.kind === "unauthenticated") {
    headers.set("www-authenticate", 'Bearer realm="inactu-control"');
  }
  return new HttpError(STATUS[error.kind], error.message, { headers, cause: error });
}

/** The API's error answer: the message, and each field's problem when there are several. */
export function jsonError(error: HttpError): Response {
  const cause = error.cause;
  const issues = cause instanceof DomainError && cause.issues.length > 1 ? cause.issues : null;
  const headers = copyHeaders(error.headers);
  headers.set("content-type", "application/json; charset=utf-8");
  return new Response(JSON.stringify({ error: error.message, ...(issues ? { issues } : {}) }), {
    status: error.status,
    headers,
  });
}
