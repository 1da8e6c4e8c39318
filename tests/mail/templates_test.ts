import { assert, assertExcludes, assertIncludes } from "../helpers/assert.ts";
import {
  accountExistsEmail,
  passwordChangedEmail,
  passwordResetEmail,
  verificationEmail,
} from "@/lib/mail/templates.ts";
import { escapeHtml } from "@/lib/html.ts";

const ORIGIN = "https://control.example.com";
const EVIL = `<script>alert("x")</script> & 'co'`;

Deno.test("the verification email links to /verify on the configured origin and says 24 hours", () => {
  const mail = verificationEmail({
    publicOrigin: ORIGIN,
    token: "abc_123",
    email: "ada@example.com",
  });
  const link = "https://control.example.com/verify?token=abc_123";
  assert.equal(mail.subject, "Verify your email address for inactu-control");
  assert.ok(mail.text.split("\n").includes(link));
  assertIncludes(mail.text, "24 hours");
  assertIncludes(mail.text, "ada@example.com");
  assertIncludes(mail.html, `href="${link}"`);
});

Deno.test("the reset email links to /reset, says 1 hour and tells a stranger to ignore it", () => {
  const mail = passwordResetEmail({ publicOrigin: ORIGIN, token: "r-1", email: "ada@example.com" });
  assert.ok(mail.text.split("\n").includes("https://control.example.com/reset?token=r-1"));
  assertIncludes(mail.text, "expires in 1 hour");
  assertIncludes(mail.text, "If you did not ask, ignore this message");
  assertIncludes(mail.html, 'href="https://control.example.com/reset?token=r-1"');
});

Deno.test("the account-exists notice names the address and handle and holds a 1-hour reset link", () => {
  const mail = accountExistsEmail({
    publicOrigin: ORIGIN,
    token: "r-2",
    email: "ada@example.com",
    handle: "ada",
    verified: true,
  });
  assert.equal(mail.subject, "Someone tried to sign up with your email address");
  assertIncludes(mail.text, "ada@example.com");
  assertIncludes(mail.text, "(@ada)");
  assertIncludes(mail.text, "https://control.example.com/login");
  assert.ok(mail.text.split("\n").includes("https://control.example.com/reset?token=r-2"));
  assertIncludes(mail.text, "expires in 1 hour");
});

Deno.test("for an unverified account the notice offers to take the account over", () => {
  const mail = accountExistsEmail({
    publicOrigin: ORIGIN,
    token: "r-3",
    email: "ada@example.com",
    handle: "squatter",
    verified: false,
  });
  assertIncludes(mail.text, "@squatter, which was never verified");
  assertIncludes(mail.html, ">Take over the account</a>");
  assert.ok(mail.text.split("\n").includes("https://control.example.com/reset?token=r-3"));
  assertIncludes(mail.text, "deleted 7 days after it was created");
});

Deno.test("the password-changed notice gives the time in UTC and a way to reset", () => {
  const mail = passwordChangedEmail({
    publicOrigin: ORIGIN,
    email: "ada@example.com",
    changedAt: new Date("2026-11-25T12:34:56Z"),
    revokedTokens: 0,
  });
  assertIncludes(mail.text, "2026-11-25 12:34 UTC");
  assert.ok(mail.text.split("\n").includes("https://control.example.com/forgot"));
  assertExcludes(mail.text, "?token=");
});

Deno.test("links use only the configured origin, whatever path or case it was given with", () => {
  const mail = verificationEmail({
    publicOrigin: "HTTP://Localhost:8000/ignored/path?q=1",
    token: "t",
    email: "a@b.example",
  });
  assert.ok(mail.text.split("\n").includes("http://localhost:8000/verify?token=t"));
});

Deno.test("tokens are URL-encoded into the link", () => {
  const mail = passwordResetEmail({
    publicOrigin: ORIGIN,
    token: "a+b/c=&d",
    email: "a@b.example",
  });
  assertIncludes(mail.text, "/reset?token=a%2Bb%2Fc%3D%26d\n");
});

Deno.test("a name containing <script> is escaped in the HTML of every message", () => {
  const options = { publicOrigin: ORIGIN, token: "t", email: `x${EVIL}@example.com`, name: EVIL };
  const messages = [
    verificationEmail(options),
    accountExistsEmail({ ...options, handle: "h", verified: true }),
    accountExistsEmail({ ...options, handle: "h", verified: false }),
    passwordResetEmail(options),
    passwordChangedEmail({ ...options, changedAt: new Date(0), revokedTokens: 0 }),
  ];
  for (const mail of messages) {
    assertExcludes(mail.html, "<script");
    assertExcludes(mail.html, `"x"`);
    assertIncludes(
      mail.html,
      "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;co&#39;",
    );
    // The plain-text part is not HTML: the name appears as typed.
    assertIncludes(mail.text, `Hi ${EVIL},`);
  }
});

Deno.test("a name with line breaks cannot add lines to the plain-text message", () => {
  const mail = verificationEmail({
    publicOrigin: ORIGIN,
    token: "t",
    email: "a@b.example",
    name: "Ada\r\n\r\nhttps://evil.example/verify?token=x",
  });
  assert.equal(mail.text.split("\n")[0], "Hi Ada https://evil.example/verify?token=x,");
  assert.equal(mail.text.split("\n").filter((line) => line.startsWith("https://")).length, 1);
});

Deno.test("escapeHtml escapes the five characters that matter in content and attributes", () => {
  assert.equal(
    escapeHtml(`<a href="x" title='y'>&</a>`),
    "&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;",
  );
});

// Every message the app can send, in each of its variants.
function everyTemplate(name?: string) {
  const options = { publicOrigin: ORIGIN, token: "tok_1", email: "ada@example.com", name };
  return {
    verification: verificationEmail(options),
    "account exists, verified": accountExistsEmail({ ...options, handle: "ada", verified: true }),
    "account exists, unverified": accountExistsEmail({
      ...options,
      handle: "ada",
      verified: false,
    }),
    reset: passwordResetEmail(options),
    "password changed, tokens kept": passwordChangedEmail({
      ...options,
      changedAt: new Date(0),
      revokedTokens: 0,
    }),
    "password changed, 1 token revoked": passwordChangedEmail({
      ...options,
      changedAt: new Date(0),
      revokedTokens: 1,
    }),
    "password changed, 3 tokens revoked": passwordChangedEmail({
      ...options,
      changedAt: new Date(0),
      revokedTokens: 3,
    }),
  };
}

Deno.test("in every message each link stands alone on its line, with no punctuation after it", () => {
  for (const [template, mail] of Object.entries(everyTemplate("Ada"))) {
    const lines = mail.text.split("\n");
    const linked = lines.filter((line) => /https?:\/\//.test(line));
    assert.ok(linked.length > 0, `${template} has a link`);
    for (const line of linked) {
      // A full stop or comma after a link gets copied into it by mail clients (a 404).
      assert.match(line, /^https?:\/\/\S+[A-Za-z0-9\/]$/, `${template}: "${line}"`);
    }
    // Every link of the HTML part is also in the text, each on its own line.
    for (const [, href] of mail.html.matchAll(/href="([^"]+)"/g)) {
      assert.ok(lines.includes(href!.replaceAll("&amp;", "&")), `${template}: ${href}`);
    }
  }
});

Deno.test('every message reads right: "an inactu-control account", no doubled words or spaces', () => {
  for (const [template, mail] of Object.entries(everyTemplate())) {
    for (const text of [mail.subject, mail.text]) {
      assert.doesNotMatch(text, /\ba inactu-control\b/, template);
      assert.doesNotMatch(text, /\b(\w+) \1\b/i, template);
      assert.doesNotMatch(text, /[^\n] {2,}|\s+[.,;:]/, template);
    }
  }
});

Deno.test("the password-changed notice says whether the API tokens were revoked or kept", () => {
  const mails = everyTemplate();
  assertIncludes(
    mails["password changed, tokens kept"].text,
    "API tokens of the account keep working",
  );
  assertIncludes(mails["password changed, 1 token revoked"].text, "1 API token was revoked");
  assertIncludes(mails["password changed, 3 tokens revoked"].text, "3 API tokens were revoked");
});
