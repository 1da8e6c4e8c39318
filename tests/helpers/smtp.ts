// A real SMTP server (the smtp-server package) on 127.0.0.1 for the SMTP mailer's tests, with
// just enough MIME parsing to assert on what arrived.
import { Buffer } from "node:buffer";
import { SMTPServer } from "smtp-server";

/** One message as the server received it. */
export interface ReceivedMail {
  /** MAIL FROM address. */
  from: string;
  /** RCPT TO addresses. */
  to: string[];
  raw: string;
  headers: Map<string, string>;
  /** Decoded text/plain part, or "" when there is none. */
  text: string;
  /** Decoded text/html part, or "" when there is none. */
  html: string;
}

export interface TestSmtpServer extends AsyncDisposable {
  port: number;
  /** smtp://127.0.0.1:<port>, for SMTP_URL. */
  url: string;
  received: ReceivedMail[];
  /** Resolves with the next message, or fails after `timeoutMs`. */
  nextMail(timeoutMs?: number): Promise<ReceivedMail>;
  close(): Promise<void>;
}

/** Starts an SMTP server on 127.0.0.1 with an OS-assigned port; no TLS, no auth required. */
export async function startSmtpServer(): Promise<TestSmtpServer> {
  const received: ReceivedMail[] = [];
  const waiters: ((mail: ReceivedMail) => void)[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    secure: false,
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => {
        const envelope = session.envelope;
        const mail = parseMail(Buffer.concat(chunks).toString("utf8"), {
          from: envelope.mailFrom ? envelope.mailFrom.address : "",
          to: envelope.rcptTo.map((r) => r.address),
        });
        received.push(mail);
        waiters.shift()?.(mail);
        callback();
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const address = server.server.address();
  if (address === null || typeof address === "string") throw new Error("SMTP server has no port");
  const port = address.port;
  let closed: Promise<void> | undefined;
  const close = () => closed ??= new Promise<void>((resolve) => server.close(() => resolve()));
  return {
    port,
    url: `smtp://127.0.0.1:${port}`,
    received,
    nextMail(timeoutMs = 5000) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error("no mail arrived in time")), timeoutMs);
        waiters.push((mail) => {
          clearTimeout(timer);
          resolve(mail);
        });
      });
    },
    close,
    [Symbol.asyncDispose]: close,
  };
}

/** Splits a raw RFC 5322 message and decodes its text and HTML parts. */
export function parseMail(raw: string, envelope: { from: string; to: string[] }): ReceivedMail {
  const { headers, body } = splitEntity(raw);
  const parts: { type: string; body: string }[] = [];
  collectParts(headers, body, parts);
  const part = (type: string) => parts.find((p) => p.type === type)?.body ?? "";
  return { ...envelope, raw, headers, text: part("text/plain"), html: part("text/html") };
}

function splitEntity(raw: string): { headers: Map<string, string>; body: string } {
  const end = raw.indexOf("\r\n\r\n");
  const head = end === -1 ? raw : raw.slice(0, end);
  const body = end === -1 ? "" : raw.slice(end + 4);
  const headers = new Map<string, string>();
  // Folded header lines continue with whitespace (RFC 5322 section 2.2.3).
  for (const line of head.replace(/\r\n[ \t]+/g, " ").split("\r\n")) {
    const colon = line.indexOf(":");
    if (colon > 0) {
      const name = line.slice(0, colon).trim().toLowerCase();
      headers.set(name, decodeEncodedWords(line.slice(colon + 1).trim()));
    }
  }
  return { headers, body };
}

function collectParts(
  headers: Map<string, string>,
  body: string,
  out: { type: string; body: string }[],
): void {
  const contentType = headers.get("content-type") ?? "text/plain";
  const type = contentType.split(";")[0]!.trim().toLowerCase();
  if (type.startsWith("multipart/")) {
    const boundary = /boundary="?([^";]+)"?/i.exec(contentType)?.[1];
    if (!boundary) throw new Error(`multipart without a boundary: ${contentType}`);
    const sections = body.split(`--${boundary}`).slice(1);
    for (const section of sections) {
      if (section.startsWith("--")) break;
      const entity = splitEntity(section.replace(/^\r\n/, "").replace(/\r\n$/, ""));
      collectParts(entity.headers, entity.body, out);
    }
    return;
  }
  const encoding = (headers.get("content-transfer-encoding") ?? "7bit").toLowerCase();
  out.push({ type, body: decodeBody(body, encoding) });
}

function decodeBody(body: string, encoding: string): string {
  if (encoding === "quoted-printable") return decodeQuotedPrintable(body);
  if (encoding === "base64") {
    return new TextDecoder().decode(Buffer.from(body.replace(/\s+/g, ""), "base64"));
  }
  return body;
}

/** Decodes quoted-printable (RFC 2045 section 6.7): soft line breaks, then =XX bytes as UTF-8. */
export function decodeQuotedPrintable(text: string): string {
  const joined = text.replace(/=\r?\n/g, "");
  const bytes: number[] = [];
  for (let i = 0; i < joined.length; i++) {
    const hex = joined.slice(i + 1, i + 3);
    if (joined[i] === "=" && /^[0-9A-Fa-f]{2}$/.test(hex)) {
      bytes.push(parseInt(hex, 16));
      i += 2;
    } else {
      bytes.push(...new TextEncoder().encode(joined[i]!));
    }
  }
  return new TextDecoder().decode(new Uint8Array(bytes));
}

// Subjects with non-ASCII text arrive as =?UTF-8?Q?...?= or =?UTF-8?B?...?= (RFC 2047).
function decodeEncodedWords(value: string): string {
  return value.replace(
    /=\?([^?]+)\?([QqBb])\?([^?]*)\?=(\s+(?==\?))?/g,
    (_, _charset, kind, data) =>
      kind.toUpperCase() === "B"
        ? new TextDecoder().decode(Buffer.from(data, "base64"))
        : decodeQuotedPrintable(data.replace(/_/g, " ")),
  );
}
