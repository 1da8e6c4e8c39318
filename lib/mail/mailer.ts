/** One email, in plain text and simple HTML. */
export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html: string;
}

/** Sends mail. The console mailer prints it; the SMTP mailer delivers it. */
export interface Mailer {
  send(message: MailMessage): Promise<void>;
}
