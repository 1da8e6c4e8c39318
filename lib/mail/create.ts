import type { MailConfig } from "../config.ts";
import type { Logger } from "../log.ts";
import { ConsoleMailer } from "./console_mailer.ts";
import type { Mailer } from "./mailer.ts";
import { SmtpMailer } from "./smtp_mailer.ts";

/** The configured mailer: SMTP when SMTP_URL is set, the console otherwise. */
export function createMailer(config: MailConfig, logger: Logger): Mailer {
  return config.kind === "smtp" ? new SmtpMailer(config) : new ConsoleMailer(logger);
}
