import { type Clock, systemClock } from "../clock.ts";
import type { Logger } from "../log.ts";
import type { Mailer, MailMessage } from "./mailer.ts";

/** A message the console mailer printed, as the dev-only mail page shows it. */
export interface SentMail extends MailMessage {
  sentAt: Date;
}

export interface ConsoleMailerOptions {
  /** How many recent messages to keep for the dev mail page (default 20). */
  keep?: number;
  /** Where the readable copy goes; stdout by default. */
  print?: (block: string) => void;
  clock?: Clock;
}

/**
 * The development mailer: prints each message so a newcomer can follow the link from the
 * terminal, and keeps the last few in memory for the dev-only mail page. Links and tokens end
 * up in the output, so this mailer is for development only.
 */
export class ConsoleMailer implements Mailer {
  readonly #logger: Logger;
  readonly #keep: number;
  readonly #print: (block: string) => void;
  readonly #clock: Clock;
  #outbox: SentMail[] = [];

  constructor(logger: Logger, options: ConsoleMailerOptions = {}) {
    this.#logger = logger;
    this.#keep = Math.max(0, options.keep ?? 20);
    // deno-lint-ignore no-console
    this.#print = options.print ?? ((block) => console.log(block));
    this.#clock = options.clock ?? systemClock;
  }

  /** The kept messages, newest first. */
  get outbox(): readonly SentMail[] {
    return [...this.#outbox];
  }

  send(message: MailMessage): Promise<void> {
    const sent: SentMail = { ...message, sentAt: this.#clock() };
    this.#outbox = [sent, ...this.#outbox].slice(0, this.#keep);
    // Links go in their own field: inside a JSON string a link would run on into "\n" escapes.
    this.#logger.info("mail printed to the console", {
      to: message.to,
      subject: message.subject,
      links: linksIn(message.text),
    });
    this.#print(renderBlock(sent));
    return Promise.resolve();
  }
}

/** The http(s) links in a plain-text body, in order. */
export function linksIn(text: string): string[] {
  return text.match(/https?:\/\/[^\s<>"]+/g) ?? [];
}

// Each body line is indented, never prefixed with a glyph, so a terminal's link detection sees
// the URL with whitespace on both sides and the whole link is clickable.
function renderBlock(mail: SentMail): string {
  const rule = "-".repeat(72);
  const body = mail.text.replace(/\s+$/, "").split("\n").map((line) => `    ${line}`.trimEnd());
  return [
    rule,
    `  Mail to:  ${mail.to}`,
    `  Subject:  ${mail.subject}`,
    `  Sent at:  ${mail.sentAt.toISOString()}`,
    "",
    ...body,
    rule,
  ].join("\n");
}
