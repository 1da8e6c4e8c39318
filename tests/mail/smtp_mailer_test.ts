import { createServer, type Server, type Socket } from "node:net";
import { assert, assertIncludes } from "../helpers/assert.ts";
import { startSmtpServer } from "../helpers/smtp.ts";
import { SmtpMailer } from "@/lib/mail/smtp_mailer.ts";
import { passwordResetEmail } from "@/lib/mail/templates.ts";

const FROM = "inactu-control <no-reply@control.example.com>";

Deno.test("the SMTP mailer delivers a reset email with its exact link to a real SMTP server", async () => {
  await using smtp = await startSmtpServer();
  const mailer = new SmtpMailer({ kind: "smtp", url: smtp.url, from: FROM });
  // A long token pushes the link past 76 characters, so nodemailer must quoted-printable it.
  const token = "tok_" + "A1b2C3d4E5f6G7h8".repeat(4);
  const content = passwordResetEmail({
    publicOrigin: "https://control.example.com",
    token,
    email: "ada@example.com",
    name: "Ada <script>alert(1)</script>",
  });
  const arrival = smtp.nextMail();
  await mailer.send({ to: "ada@example.com", ...content });
  const mail = await arrival;
  mailer.close();

  assert.equal(mail.from, "no-reply@control.example.com");
  assert.deepEqual(mail.to, ["ada@example.com"]);
  assert.equal(mail.headers.get("from"), '"inactu-control" <no-reply@control.example.com>');
  assert.equal(mail.headers.get("to"), "ada@example.com");
  assert.equal(mail.headers.get("subject"), content.subject);
  assertIncludes(mail.raw, "Content-Transfer-Encoding: quoted-printable");
  const link = `https://control.example.com/reset?token=${token}`;
  assert.ok(
    mail.text.split(/\r?\n/).includes(link),
    `no line with exactly the link:\n${mail.text}`,
  );
  assertIncludes(mail.html, `href="${link}"`);
  assertIncludes(mail.html, "Ada &lt;script&gt;alert(1)&lt;/script&gt;");
  assert.ok(!mail.html.includes("<script>"));
});

Deno.test("the SMTP mailer fails with a clear error when nothing listens on the port", async () => {
  const port = closedPort();
  const mailer = new SmtpMailer(
    { kind: "smtp", url: `smtp://127.0.0.1:${port}`, from: FROM },
    { timeoutMs: 2000 },
  );
  const started = performance.now();
  await assert.rejects(
    mailer.send({ to: "ada@example.com", subject: "s", text: "t", html: "<p>t</p>" }),
    (error: Error) => {
      assert.match(
        error.message,
        new RegExp(`^SMTP send through 127\\.0\\.0\\.1:${port} failed: `),
      );
      assertIncludes(error.message, "ECONNREFUSED");
      return true;
    },
  );
  assert.ok(performance.now() - started < 2000);
  mailer.close();
});

Deno.test("the SMTP mailer gives up on a server that accepts but never greets, within its timeout", async () => {
  await using silent = await startSilentServer();
  const mailer = new SmtpMailer(
    { kind: "smtp", url: `smtp://127.0.0.1:${silent.port}`, from: FROM },
    { timeoutMs: 300 },
  );
  const started = performance.now();
  await assert.rejects(
    mailer.send({ to: "ada@example.com", subject: "s", text: "t", html: "<p>t</p>" }),
    new RegExp(`^Error: SMTP send through 127\\.0\\.0\\.1:${silent.port} timed out after 300 ms$`),
  );
  const elapsed = performance.now() - started;
  assert.ok(elapsed >= 250 && elapsed < 1500, `took ${elapsed} ms`);
  mailer.close();
});

Deno.test("the SMTP mailer refuses a recipient list, so a link reaches exactly one address", async () => {
  const mailer = new SmtpMailer({ kind: "smtp", url: "smtp://127.0.0.1:1", from: FROM });
  for (
    const to of [
      "ada@example.com, eve@evil.example",
      "Eve <eve@evil.example>",
      "ada@example.com\r\nBcc: x@y",
    ]
  ) {
    await assert.rejects(
      mailer.send({ to, subject: "s", text: "t", html: "t" }),
      /Mail recipient must be one plain address/,
    );
  }
  mailer.close();
});

Deno.test("the SMTP mailer fails when TLS is required and the server offers no STARTTLS", async () => {
  await using smtp = await startSmtpServer();
  const mailer = new SmtpMailer(
    { kind: "smtp", url: `${smtp.url}?requireTLS=true`, from: FROM },
    { timeoutMs: 2000 },
  );
  await assert.rejects(
    mailer.send({ to: "ada@example.com", subject: "s", text: "t", html: "t" }),
    /STARTTLS.*requireTLS=false/,
  );
  assert.equal(smtp.received.length, 0);
  mailer.close();
});

function closedPort(): number {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const { port } = listener.addr as Deno.NetAddr;
  listener.close();
  return port;
}

async function startSilentServer(): Promise<{ port: number } & AsyncDisposable> {
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
    socket.on("error", () => {});
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  if (address === null || typeof address === "string") throw new Error("no port");
  return {
    port: address.port,
    async [Symbol.asyncDispose]() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
