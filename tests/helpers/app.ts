import { type App, createApp } from "@/main.ts";
import { type Config, parseConfig } from "@/lib/config.ts";
import { createLogger } from "@/lib/log.ts";
import type { BlobStore } from "@/lib/artifacts/blob_store.ts";
import type { Mailer, MailMessage } from "@/lib/mail/mailer.ts";
import type { RequestInfo } from "@/lib/framework/context.ts";
import { contractProblem } from "./contract.ts";

/** A mailer double that keeps what was sent. */
export class CapturingMailer implements Mailer {
  readonly messages: MailMessage[] = [];
  /** Also deliver through this mailer (such as SMTP to tests/helpers/smtp.ts), when set. */
  forward: Mailer | null = null;
  send(message: MailMessage): Promise<void> {
    this.messages.push(message);
    return this.forward ? this.forward.send(message) : Promise.resolve();
  }
  /** The last message sent to `to`, or an error naming who did get mail. */
  lastTo(to: string): MailMessage {
    const found = this.messages.findLast((m) => m.to === to);
    if (!found) {
      throw new Error(
        `no mail to ${to}; sent to: ${this.messages.map((m) => m.to).join(", ") || "nobody"}`,
      );
    }
    return found;
  }
}

/** A clock the test moves by hand. */
export class TestClock {
  #now: number;
  constructor(start = Date.parse("2026-11-25T12:00:00Z")) {
    this.#now = start;
  }
  readonly now = (): Date => new Date(this.#now);
  advance(ms: number): void {
    this.#now += ms;
  }
}

export interface TestApp extends App, AsyncDisposable {
  config: Config;
  dir: string;
  mailer: CapturingMailer;
  clock: TestClock;
  logs: string[];
  /** Sends a request to a path on the configured public origin. */
  request(path: string, init?: RequestInit & { ip?: string }): Promise<Response>;
}

export interface TestAppOptions {
  env?: Record<string, string>;
  blobs?: BlobStore;
  /** Use the system clock instead of a TestClock. */
  realClock?: boolean;
}

/** The real app on a temp libSQL file (real migrations) and a temp blob folder. */
export async function createTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const dir = await Deno.makeTempDir({ prefix: "inactu-test-" });
  const config = parseConfig({
    APP_ENV: "test",
    DATABASE_URL: `file:${dir}/test.db`,
    BLOB_DIR: `${dir}/blobs`,
    ACCESS_LOG: "false",
    ...options.env,
  });
  const logs: string[] = [];
  const mailer = new CapturingMailer();
  // With SMTP_URL (a test SMTP server, tests/helpers/smtp.ts), mail is also really sent there.
  const smtp = config.mail.kind === "smtp"
    ? new (await import("@/lib/mail/smtp_mailer.ts")).SmtpMailer(config.mail)
    : null;
  const sent: Mailer = smtp
    ? { send: async (m) => (await mailer.send(m), await smtp.send(m)) }
    : mailer;
  const clock = new TestClock();
  const app = await createApp(config, {
    logger: createLogger((line) => logs.push(line)),
    mailer: sent,
    blobs: options.blobs,
    clock: options.realClock ? undefined : clock.now,
  });
  return {
    ...app,
    config,
    dir,
    mailer,
    clock,
    logs,
    async request(path, init = {}) {
      const { ip, ...rest } = init;
      const info: RequestInfo = { remoteAddr: { hostname: ip ?? "127.0.0.1", port: 40000 } };
      const req = new Request(new URL(path, config.publicOrigin), rest);
      const res = await app.fetch(req, info);
      // Every /v1 JSON answer is checked against the OpenAPI document (tests/helpers/contract.ts).
      const problem = await contractProblem(req, res);
      if (problem) throw new Error(problem);
      return res;
    },
    async [Symbol.asyncDispose]() {
      app.close();
      smtp?.close();
      await Deno.remove(dir, { recursive: true }).catch(() => {});
    },
  };
}
