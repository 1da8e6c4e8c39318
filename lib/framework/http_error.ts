import { STATUS_TEXT, type StatusCode } from "./status.ts";
import { copyHeaders } from "./headers.ts";

/** An error that carries the HTTP status (and optional headers) it should answer with. */
export class HttpError extends Error {
  readonly status: number;
  readonly headers: Headers;

  constructor(
    status: number,
    message?: string,
    options?: { headers?: HeadersInit; cause?: unknown },
  ) {
    super(message ?? STATUS_TEXT[status as StatusCode] ?? `HTTP ${status}`, {
      cause: options?.cause,
    });
    this.name = "HttpError";
    this.status = status;
    this.headers = copyHeaders(options?.headers);
  }
}
