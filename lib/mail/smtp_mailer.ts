import { createTransport, type Transporter } from "nodemailer";
import type { MailConfig } from "../config.ts";
import type { Mailer, MailMessage } from "./mailer.ts";

type SmtpConfig = Extract<MailConfig, { kind: "smtp" }>;

/** How long one send may take, from DNS lookup to the server's reply, by default. */
export const SMTP_SEND_TIMEOUT_MS = 15_000;

export interface SmtpMailerOptions {
  /** Upper bound for one send, connection and greeting included (default 15 s). */
  timeoutMs?: number;
}

/**
 * Delivers mail over SMTP (`SMTP_URL`, such as smtps://user:pass@smtp.example.com:465).
 *
 * Not pooled: account mail is rare, and a pool keeps sockets open that the app would have to
 * close on shutdown. Each send opens one connection and closes it, so `close()` is only needed
 * by callers that want to be explicit. Plain `smtp://` to a host other than loopback must
 * upgrade with STARTTLS, because the messages carry reset links; a trusted local relay without
 * TLS can opt out with `?requireTLS=false` in the URL (URL parameters override these defaults).
 */
export class SmtpMailer implements Mailer {
  readonly #transport: Transporter;
  readonly #from: string;
  readonly #timeoutMs: number;
  /** host:port for error messages; the URL itself may hold a password. */
  readonly #server: string;

  constructor(config: SmtpConfig, options: SmtpMailerOptions = {}) {
    const url = new URL(config.url);
    const secure = url.protocol === "smtps:";
    const host = url.hostname.replace(/^\[(.*)\]$/, "$1");
    this.#server = `${url.hostname}:${url.port || (secure ? 465 : 587)}`;
    this.#from = config.from;
    this.#timeoutMs = options.timeoutMs ?? SMTP_SEND_TIMEOUT_MS;
    this.#transport = createTransport({
      url: config.url,
      // nodemailer's own defaults wait up to 2 minutes to connect and 10 minutes on a silent
      // socket. The abort signal in send() bounds the whole exchange; these are a backstop.
      connectionTimeout: this.#timeoutMs + 1000,
      greetingTimeout: this.#timeoutMs + 1000,
      socketTimeout: this.#timeoutMs + 1000,
      dnsTimeout: this.#timeoutMs + 1000,
      socketCloseTimeout: 1000,
      requireTLS: !secure && !isLoopback(host),
      // Messages are plain strings; never let a field be read as a file path or a URL to fetch.
      disableFileAccess: true,
      disableUrlAccess: true,
    });
  }

  async send(message: MailMessage): Promise<void> {
    assertSingleAddress(message.to);
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), this.#timeoutMs);
    try {
      await this.#transport.sendMail({
        from: this.#from,
        to: message.to,
        subject: message.subject,
        text: message.text,
        html: message.html,
        signal: controller.signal,
      });
    } catch (error) {
      if (controller.signal.aborted) {
        throw new Error(
          `SMTP send through ${this.#server} timed out after ${this.#timeoutMs} ms`,
          { cause: error },
        );
      }
      throw new Error(`SMTP send through ${this.#server} failed: ${describe(error)}`, {
        cause: error,
      });
    } finally {
      clearTimeout(timer);
    }
  }

  /** Releases the transport; later sends fail. */
  close(): void {
    this.#transport.close();
  }
}

function isLoopback(host: string): boolean {
  return host === "localhost" || host === "::1" || /^127\.\d+\.\d+\.\d+$/.test(host);
}

// nodemailer reads "a@x.example, b@y.example" as two recipients; a reset link must reach one.
// deno-lint-ignore no-control-regex
const SINGLE_ADDRESS = /^[^\s@,;:<>()[\]"\\\x00-\x1f\x7f]+@[^\s@,;:<>()[\]"\\\x00-\x1f\x7f]+$/;

function assertSingleAddress(to: string): void {
  if (!SINGLE_ADDRESS.test(to)) {
    throw new Error("Mail recipient must be one plain address, such as ada@example.com");
  }
}

function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const code = (error as { code?: unknown }).code;
  const hint = code === "ETLS"
    ? " (the server offers no STARTTLS; add ?requireTLS=false to SMTP_URL only for a trusted relay)"
    : "";
  return `${error.message}${hint}`;
}
