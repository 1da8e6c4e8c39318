import type { Logger } from "../log.ts";
import type { Mailer, MailMessage } from "./mailer.ts";

/**
 * The development mailer: logs each message (so a newcomer can follow the link from the
 * terminal) and keeps the last few in memory for the dev-only /dev/mail page.
 */
export class ConsoleMailer implements Mailer {
  readonly outbox: (MailMessage & { sentAt: Date })[] = [];
  readonly #logger: Logger;
  readonly #keep: number;

  constructor(logger: Logger, options: { keep?: number } = {}) {
    this.#logger = logger;
    this.#keep = options.keep ?? 20;
  }

  send(message: MailMessage): Promise<void> {
    this.#logger.info("mail", { to: message.to, subject: message.subject, text: message.text });
    this.outbox.unshift({ ...message, sentAt: new Date() });
    this.outbox.length = Math.min(this.outbox.length, this.#keep);
    return Promise.resolve();
  }
}
