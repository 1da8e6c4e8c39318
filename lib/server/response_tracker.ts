import { type BodyTracker, bodyTracker } from "./body.ts";
import { findHeadEnd, MAX_HEAD_BYTES, parseResponseHead } from "./http1.ts";

/** Watches the bytes the app sends back, to know when each final response has ended. */
export class ResponseTracker {
  #method = "GET";
  #head = new Uint8Array(0);
  #body: BodyTracker | null = null;
  #final = false;
  /** Final (non-1xx) responses seen to their end. */
  finals = 0;
  /** After a 101 or a CONNECT tunnel, bytes are no longer HTTP messages. */
  tunnel = false;

  /** The method of the request the next response answers (HEAD responses have no body). */
  expect(method: string): void {
    this.#method = method;
  }

  /** True between messages: a response written now would not cut into one. */
  get atBoundary(): boolean {
    return !this.tunnel && !this.#body && this.#head.length === 0;
  }

  /** Follows `chunk`; throws when the app sent something that is not an HTTP/1.1 response. */
  feed(chunk: Uint8Array): void {
    let i = 0;
    while (i < chunk.length && !this.tunnel) {
      if (this.#body) {
        i += this.#body.consume(chunk.subarray(i));
        if (this.#body.done) this.#endBody();
        continue;
      }
      const before = this.#head.length;
      const head = new Uint8Array(before + chunk.length - i);
      head.set(this.#head);
      head.set(chunk.subarray(i), before);
      const end = findHeadEnd(head);
      if (end === -1) {
        if (head.length > MAX_HEAD_BYTES) throw new Error("response head too long");
        this.#head = head;
        return;
      }
      this.#head = new Uint8Array(0);
      i += end - before;
      const parsed = parseResponseHead(head.subarray(0, end), this.#method);
      if (!parsed) throw new Error("malformed response head");
      if (parsed.framing.kind === "tunnel") {
        this.tunnel = true;
        return;
      }
      this.#final = parsed.status >= 200;
      this.#body = bodyTracker(parsed.framing);
      if (this.#body.done) this.#endBody();
    }
  }

  #endBody(): void {
    this.#body = null;
    if (this.#final) this.finals++;
  }
}
