import type { MailConfig } from "../config.ts";
import type { Logger } from "../log.ts";
import { ConsoleMailer } from "./console_mailer.ts";
import type { Mailer } from "./mailer.ts";

/**
 * The configured mailer: SMTP when SMTP_URL is set, the console otherwise. The SMTP client is
 * imported only when configured, so start-up does not load it for nothing.
 */
export async function createMailer(config: MailConfig, logger: Logger): Promise<Mailer> {
  if (config.kind !== "smtp") return new ConsoleMailer(logger);
  const { SmtpMailer } = await import("./smtp_mailer.ts");
  return new SmtpMailer(config);
}
