// Reads Server-Sent Events from a response body, for the live tail tests and benchmark.

export interface SseEvent {
  id: string | null;
  data: string;
}

export class SseReader {
  #reader: ReadableStreamDefaultReader<Uint8Array>;
  #decoder = new TextDecoder();
  #buffer = "";
  /** A read that lost a race with a timeout is kept for the next call, so no chunk is lost. */
  #pending: Promise<ReadableStreamReadResult<Uint8Array>> | null = null;

  constructor(res: Response) {
    if (!res.body) throw new Error("the response has no body");
    this.#reader = res.body.getReader();
  }

  /** The next event that carries data (comments and retry fields are skipped). */
  async next(timeoutMs = 5000): Promise<SseEvent> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const cut = this.#buffer.indexOf("\n\n");
      if (cut !== -1) {
        const block = this.#buffer.slice(0, cut);
        this.#buffer = this.#buffer.slice(cut + 2);
        let id: string | null = null;
        const data: string[] = [];
        for (const line of block.split("\n")) {
          if (line.startsWith("id: ")) id = line.slice(4);
          else if (line.startsWith("data: ")) data.push(line.slice(6));
        }
        if (data.length) return { id, data: data.join("\n") };
        continue;
      }
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`no event within ${timeoutMs} ms; buffer: ${this.#buffer}`);
      let timer: ReturnType<typeof setTimeout> | undefined;
      const timeout = new Promise<null>((resolve) => timer = setTimeout(() => resolve(null), left));
      const chunk = await Promise.race([this.#read(), timeout]);
      clearTimeout(timer);
      if (chunk === null) continue;
      this.#pending = null;
      if (chunk.done) throw new Error("the stream ended");
      this.#buffer += this.#decoder.decode(chunk.value, { stream: true });
    }
  }

  /** Whether the server ends the stream within `timeoutMs`, skipping what is left. */
  async ended(timeoutMs = 5000): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      let timer: ReturnType<typeof setTimeout> | undefined;
      const timeout = new Promise<null>((r) =>
        timer = setTimeout(() => r(null), deadline - Date.now())
      );
      const chunk = await Promise.race([this.#read(), timeout]);
      clearTimeout(timer);
      if (chunk === null) continue;
      this.#pending = null;
      if (chunk.done) return true;
    }
    return false;
  }

  #read() {
    return this.#pending ??= this.#reader.read();
  }

  async close(): Promise<void> {
    await this.#reader.cancel().catch(() => {});
  }
}
