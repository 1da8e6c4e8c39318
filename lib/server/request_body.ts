// A request's body as the app reads it: a byte stream that takes its bytes from the connection
// only while the app pulls, within the body's read limits. A BYOB reader of a body of declared
// length (lib/http/body.ts reads uploads so) gets the bytes read from the socket straight into
// its own buffer: a 10 MiB upload is one 10 MiB buffer, with no chunks left for the collector.
import { bodyTracker } from "./body.ts";
import type { RequestHead } from "./http1.ts";
import type { Inbox, Signal } from "./io.ts";

/** What the body needs of its connection. */
export interface BodySource {
  inbox: Inbox;
  signal: Signal;
  closed(): boolean;
  /** Runs `wait` under the body deadline: `allowMs` from now, not counting the app's time. */
  waitClient<T>(wait: Promise<T>, allowMs: number): Promise<T>;
  refuse(status: number, message: string): void;
  /** The whole body has been received. */
  received(): void;
  /** Sends `100 Continue`, for a request that expects it, when the app first reads. */
  sendContinue(): Promise<void>;
}

export interface RequestBody {
  stream: ReadableStream<Uint8Array> | null;
  done(): boolean;
}

export function requestBody(
  source: BodySource,
  head: RequestHead,
  limits: { bodyTimeoutMs: number; bodyMinRate: number },
): RequestBody {
  const tracker = bodyTracker(head.framing);
  if (tracker.done) {
    source.received();
    return { stream: null, done: () => true };
  }
  const { inbox } = source;
  let toContinue = head.headers.some(([n, v]) => n === "expect" && /100-continue/i.test(v));
  // Only the time spent waiting for the client counts, not the time the app takes to read.
  let waited = 0;
  let received = 0;
  const waitClient = async <T>(wait: Promise<T>): Promise<T> => {
    const started = Date.now();
    const allow = limits.bodyTimeoutMs + (received * 1000) / limits.bodyMinRate - waited;
    try {
      return await source.waitClient(wait, allow);
    } finally {
      waited += Date.now() - started;
    }
  };
  const finish = (controller: ReadableByteStreamController) => {
    if (!tracker.done) return;
    source.received();
    inbox.resume();
    controller.close();
  };

  const stream = new ReadableStream({
    type: "bytes",
    pull: async (controller: ReadableByteStreamController) => {
      if (toContinue) {
        toContinue = false;
        await source.sendContinue();
      }
      const request = controller.byobRequest;
      const left = tracker.left;
      if (request?.view && left !== null && !inbox.bytes.length) {
        const v = request.view;
        const view = new Uint8Array(v.buffer, v.byteOffset, Math.min(v.byteLength, left));
        const n = await waitClient(inbox.readInto(view));
        if (n === null || source.closed()) {
          return controller.error(new Error("the client closed before the body ended"));
        }
        tracker.consume(view.subarray(0, n));
        received += n;
        request.respond(n);
        return finish(controller);
      }
      const payload: Uint8Array[] = [];
      while (!payload.length && !tracker.done) {
        if (source.closed()) return controller.error(new Error("the connection was closed"));
        if (!inbox.bytes.length) {
          if (inbox.eof) {
            return controller.error(new Error("the client closed before the body ended"));
          }
          await waitClient(source.signal.next());
          continue;
        }
        let n: number;
        try {
          n = tracker.consume(inbox.bytes, payload);
        } catch (error) {
          source.refuse(400, `malformed request body: ${(error as Error).message}`);
          return controller.error(error);
        }
        received += n;
        inbox.take(n);
      }
      // A byte stream takes over the buffer it is given: these are views into the inbox's.
      for (const data of payload) controller.enqueue(data.slice());
      finish(controller);
    },
    cancel: () => inbox.resume(),
  });
  return { stream: stream as ReadableStream<Uint8Array>, done: () => tracker.done };
}
