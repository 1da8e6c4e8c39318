/**
 * Gives every request a fresh id, shown in the X-Request-Id response header, the access log
 * and 500 pages. Incoming ids are ignored: a client must not be able to forge log entries.
 */
export function newRequestId(): string {
  return crypto.randomUUID();
}
