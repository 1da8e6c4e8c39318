import { assert, assertIncludes } from "../helpers/assert.ts";
import { createLogger } from "@/lib/log.ts";
import { ConsoleMailer, linksIn } from "@/lib/mail/console_mailer.ts";
import { verificationEmail } from "@/lib/mail/templates.ts";

function setup(keep?: number) {
  const logs: string[] = [];
  const printed: string[] = [];
  let now = Date.parse("2026-11-25T12:00:00Z");
  const clock = { now: () => new Date(now), advance: (ms: number) => now += ms };
  const mailer = new ConsoleMailer(createLogger((line) => logs.push(line)), {
    keep,
    clock: clock.now,
    print: (block) => printed.push(block),
  });
  return { mailer, logs, printed, clock };
}

Deno.test("the console mailer prints the link alone on a line, so a terminal can open it", async () => {
  const { mailer, logs, printed } = setup();
  const content = verificationEmail({
    publicOrigin: "http://localhost:8000",
    token: "tok123",
    email: "ada@example.com",
  });
  await mailer.send({ to: "ada@example.com", ...content });

  assert.equal(printed.length, 1);
  const block = printed[0]!;
  assert.ok(block.split("\n").includes("    http://localhost:8000/verify?token=tok123"), block);
  assertIncludes(block, "Mail to:  ada@example.com");
  assertIncludes(block, `Subject:  ${content.subject}`);

  assert.equal(logs.length, 1);
  const line = JSON.parse(logs[0]!);
  assert.equal(line.to, "ada@example.com");
  assert.deepEqual(line.links, ["http://localhost:8000/verify?token=tok123"]);
});

Deno.test("the console mailer keeps the last 20 messages, newest first, with when they were sent", async () => {
  const { mailer, clock } = setup();
  for (let i = 1; i <= 25; i++) {
    await mailer.send({ to: `u${i}@example.com`, subject: `m${i}`, text: "t", html: "h" });
    clock.advance(1000);
  }
  const outbox = mailer.outbox;
  assert.equal(outbox.length, 20);
  assert.equal(outbox[0]!.subject, "m25");
  assert.equal(outbox[19]!.subject, "m6");
  assert.equal(outbox[0]!.sentAt.toISOString(), "2026-11-25T12:00:24.000Z");
});

Deno.test("the console mailer's outbox is a copy that callers cannot rewrite", async () => {
  const { mailer } = setup(2);
  await mailer.send({ to: "a@example.com", subject: "s", text: "t", html: "h" });
  (mailer.outbox as unknown[]).length = 0;
  assert.equal(mailer.outbox.length, 1);
});

Deno.test("linksIn finds http and https links and stops at whitespace and quotes", () => {
  assert.deepEqual(
    linksIn('see https://a.example/x?token=1 and "http://b.example/y"\nhttps://c.example'),
    ["https://a.example/x?token=1", "http://b.example/y", "https://c.example"],
  );
});
