import { createTransport, type Transporter } from "nodemailer";
import type { MailConfig } from "../config.ts";
import type { Mailer, MailMessage } from "./mailer.ts";

type SmtpConfig = Extract<MailConfig, { kind: "smtp" }>;

/** Delivers mail over SMTP (`SMTP_URL`, such as smtps://user:pass@smtp.example.com:465). */
export class SmtpMailer implements Mailer {
  readonly #transport: Transporter;
  readonly #from: string;

  constructor(config: SmtpConfig) {
    this.#transport = createTransport(config.url);
    this.#from = config.from;
  }

  async send(message: MailMessage): Promise<void> {
    await this.#transport.sendMail({ from: this.#from, ...message });
  }
}
