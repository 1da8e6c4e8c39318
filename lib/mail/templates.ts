// The messages the account flows send. Every link is built from the configured public origin,
// never from a request's Host header, so a forged Host cannot point a reset link elsewhere.
import type { MailMessage } from "./mailer.ts";
import { escapeHtml } from "../html.ts";
import { DAY, HOUR } from "../time.ts";

/** A message's content; the caller adds the recipient. */
export type MailContent = Omit<MailMessage, "to">;

/** Where the links in these messages land; the routes must serve these paths. */
export const VERIFY_PATH = "/verify";
export const RESET_PATH = "/reset";
export const FORGOT_PASSWORD_PATH = "/forgot";

/** How long the links stay valid; the token store must use the same values. */
export const VERIFY_TOKEN_TTL_MS = DAY;
export const RESET_TOKEN_TTL_MS = HOUR;
/** An account whose address is not verified this long after signing up is deleted. */
export const UNVERIFIED_ACCOUNT_TTL_MS = 7 * DAY;
export const UNVERIFIED_ACCOUNT_TTL_TEXT = "7 days";

const PRODUCT = "inactu-control";

interface LinkOptions {
  /** The configured public origin, such as https://control.example.com. */
  publicOrigin: string;
  /** The raw token; only its SHA-256 is stored. */
  token: string;
  /** The address the message goes to, shown so a forwarded message says whom it was for. */
  email: string;
  /** A display name for the greeting, if the account has one. */
  name?: string;
}

/** The "confirm your email address" message sent at signup and on resend. */
export function verificationEmail(options: LinkOptions): MailContent {
  const link = linkTo(options.publicOrigin, VERIFY_PATH, options.token);
  const email = oneLine(options.email);
  return compose({
    subject: `Verify your email address for ${PRODUCT}`,
    name: options.name,
    paragraphs: [
      `Someone, hopefully you, created an ${PRODUCT} account with ${email}.`,
      "Confirm that this address is yours to finish setting up the account:",
    ],
    action: { label: "Verify email address", link },
    after: [
      "This link works once and expires in 24 hours. An account whose address is not " +
      `verified within ${UNVERIFIED_ACCOUNT_TTL_TEXT} is deleted, with its handle.`,
      "If you did not create an account, ignore this message; nothing happens without the link.",
    ],
  });
}

/**
 * Sent instead of a verification link when someone signs up with an address that already has
 * an account, so the signup page answers the same either way. It holds a reset link: the owner
 * who forgot can sign in, and when the account was never verified (someone else may have
 * signed up with this address), resetting takes it over: it verifies the address and signs
 * out everyone else.
 */
export function accountExistsEmail(
  options: LinkOptions & { handle: string; verified: boolean },
): MailContent {
  const origin = new URL(options.publicOrigin).origin;
  const link = linkTo(options.publicOrigin, RESET_PATH, options.token);
  const email = oneLine(options.email);
  const handle = oneLine(options.handle);
  if (!options.verified) {
    return compose({
      subject: "Someone tried to sign up with your email address",
      name: options.name,
      paragraphs: [
        `Someone tried to create an ${PRODUCT} account with ${email}. This address already ` +
        `belongs to the account @${handle}, which was never verified.`,
        "If that account is not yours, someone else used your address. Choose a password " +
        "here to take the account over: it verifies the address and signs everyone else out.",
      ],
      action: { label: "Take over the account", link },
      after: [
        `This link works once and expires in 1 hour. Otherwise the account is deleted ` +
        `${UNVERIFIED_ACCOUNT_TTL_TEXT} after it was created, and the address is free again.`,
        "If it was you, sign in with the password you chose, or use the link to set a new one.",
      ],
    });
  }
  return compose({
    subject: "Someone tried to sign up with your email address",
    name: options.name,
    paragraphs: [
      `Someone tried to create an ${PRODUCT} account with ${email}, which already has one ` +
      `(@${handle}).`,
      "If it was you, sign in here:",
      { link: `${origin}/login` },
      "Forgot the password? Choose a new one here:",
    ],
    action: { label: "Reset password", link },
    after: [
      "This link works once and expires in 1 hour.",
      "If it was not you, ignore this message: nothing changed.",
    ],
  });
}

/** The password reset link, sent on request from the forgot-password form. */
export function passwordResetEmail(options: LinkOptions): MailContent {
  const link = linkTo(options.publicOrigin, RESET_PATH, options.token);
  const email = oneLine(options.email);
  return compose({
    subject: `Reset your ${PRODUCT} password`,
    name: options.name,
    paragraphs: [
      `Someone asked to reset the password of the ${PRODUCT} account for ${email}.`,
      "Choose a new password here:",
    ],
    action: { label: "Reset password", link },
    after: [
      "This link works once and expires in 1 hour. Resetting signs out every session; the " +
      "form lets you revoke the account's API tokens too.",
      "If you did not ask, ignore this message; your password stays as it is.",
    ],
  });
}

/** Tells the owner that the password changed, so an unexpected change gets noticed. */
export function passwordChangedEmail(
  options: {
    publicOrigin: string;
    email: string;
    changedAt: Date;
    /** How many API tokens the change revoked (the owner chooses; 0 keeps them). */
    revokedTokens: number;
    name?: string;
  },
): MailContent {
  const n = options.revokedTokens;
  const link = `${new URL(options.publicOrigin).origin}${FORGOT_PASSWORD_PATH}`;
  const when = `${options.changedAt.toISOString().slice(0, 16).replace("T", " ")} UTC`;
  const email = oneLine(options.email);
  return compose({
    subject: `Your ${PRODUCT} password was changed`,
    name: options.name,
    paragraphs: [
      `The password of the ${PRODUCT} account for ${email} was changed on ${when}.`,
      n > 0
        ? `Every other session was signed out, and ${n} API ${
          n === 1 ? "token was" : "tokens were"
        } revoked.`
        : "Every other session was signed out. The API tokens of the account keep working.",
      "If that was you, there is nothing to do.",
      "If it was not, reset your password right away, and revoke any API token you do not " +
      "recognise:",
    ],
    action: { label: "Reset password", link },
    after: [],
  });
}

/** Where an organization invitation's link lands: /invitations/{id}?token=... */
export const INVITATION_PATH = "/invitations";
export const INVITATION_TTL_MS = 7 * DAY;

/** An invitation to join an organization (docs/adr/0010). */
export function orgInvitationEmail(
  options: LinkOptions & {
    id: string;
    org: string;
    orgName: string;
    inviter: string;
    role: string;
  },
): MailContent {
  const link = linkTo(options.publicOrigin, `${INVITATION_PATH}/${options.id}`, options.token);
  const org = oneLine(options.org);
  return compose({
    subject: `@${oneLine(options.inviter)} invited you to @${org} on ${PRODUCT}`,
    name: options.name,
    paragraphs: [
      `@${oneLine(options.inviter)} invited ${oneLine(options.email)} to join the organization ` +
      `${oneLine(options.orgName)} (@${org}) on ${PRODUCT} as ${oneLine(options.role)}.`,
      "Sign in with an account verified for this address to accept or decline:",
    ],
    action: { label: "See the invitation", link },
    after: [
      "This invitation works once and expires in 7 days.",
      "If you do not know this organization, ignore this message; nothing happens without you.",
    ],
  });
}

/** Tells a package's owners that its pinned signer keys changed (docs/adr/0011). */
export function signerKeyChangedEmail(
  options: {
    publicOrigin: string;
    package: string;
    change: "added" | "retired";
    signer: string;
    fingerprint: string;
    /** Who changed it: their handle. */
    by: string;
    at: Date;
    name?: string;
  },
): MailContent {
  const pkg = oneLine(options.package);
  const when = `${options.at.toISOString().slice(0, 16).replace("T", " ")} UTC`;
  const link = `${new URL(options.publicOrigin).origin}/packages/${encodeURIComponent(pkg)}/keys`;
  const what = options.change === "added"
    ? "pinned a new signer key: versions signed with it are now accepted"
    : "retired a signer key: versions signed only with it are now refused";
  return compose({
    subject: `A signer key of ${pkg} was ${options.change === "added" ? "added" : "retired"}`,
    name: options.name,
    paragraphs: [
      `@${oneLine(options.by)} ${what}, for the package ${pkg} on ${when}.`,
      `Signer ${oneLine(options.signer)}, key fingerprint ${oneLine(options.fingerprint)}`,
      "If you expected this, there is nothing to do. If not, review the package's keys and " +
      "audit log now:",
    ],
    action: { label: "Review the signer keys", link },
    after: [],
  });
}

// Only the origin of the configured value is used, so a stray path in it cannot change the link.
function linkTo(publicOrigin: string, path: string, token: string): string {
  return `${new URL(publicOrigin).origin}${path}?token=${encodeURIComponent(token)}`;
}

// A name or address with line breaks could otherwise forge extra lines in the plain-text part.
function oneLine(value: string): string {
  // deno-lint-ignore no-control-regex
  return value.replace(/[\u0000-\u001f\u007f\u2028\u2029]+/g, " ").trim();
}

/** A paragraph, or a link on a line of its own (never inside a sentence: see compose). */
type Paragraph = string | { link: string };

interface Parts {
  subject: string;
  name?: string;
  paragraphs: Paragraph[];
  action: { label: string; link: string };
  after: string[];
}

function compose(parts: Parts): MailContent {
  const greeting = parts.name ? `Hi ${oneLine(parts.name)},` : "Hi,";
  const { label, link } = parts.action;
  // Links stand alone on their line so mail clients and terminals make them clickable whole:
  // in a sentence, the full stop after a link becomes part of it (a 404).
  const text = [
    greeting,
    ...parts.paragraphs.map((x) => typeof x === "string" ? x : x.link),
    link,
    ...parts.after,
    `— ${PRODUCT}`,
  ].join("\n\n") + "\n";

  const p = (body: string, style = "") =>
    `<p style="margin:0 0 16px;line-height:1.5;${style}">${body}</p>`;
  const html = [
    "<!doctype html>",
    '<html lang="en">',
    '<head><meta charset="utf-8"><meta name="viewport" content="width=device-width">' +
    `<title>${escapeHtml(parts.subject)}</title></head>`,
    '<body style="margin:0;padding:24px;background:#f6f7f9;color:#1f2328;' +
    'font-family:-apple-system,Segoe UI,Helvetica,Arial,sans-serif;font-size:16px">',
    '<div style="max-width:560px;margin:0 auto;background:#ffffff;border:1px solid #d0d7de;' +
    'border-radius:8px;padding:24px">',
    p(escapeHtml(greeting)),
    ...parts.paragraphs.map((x) =>
      typeof x === "string" ? p(escapeHtml(x)) : p(
        `<a href="${escapeHtml(x.link)}" style="color:#0969da;word-break:break-all">` +
          `${escapeHtml(x.link)}</a>`,
      )
    ),
    p(
      `<a href="${escapeHtml(link)}" style="display:inline-block;padding:10px 18px;` +
        "background:#0969da;color:#ffffff;text-decoration:none;border-radius:6px;" +
        `font-weight:600">${escapeHtml(label)}</a>`,
    ),
    p(
      `Or open this link: <a href="${escapeHtml(link)}" style="color:#0969da;` +
        `word-break:break-all">${escapeHtml(link)}</a>`,
      "font-size:14px;color:#57606a",
    ),
    ...parts.after.map((text) => p(escapeHtml(text), "font-size:14px;color:#57606a")),
    p(`— ${PRODUCT}`, "font-size:14px;color:#57606a;margin:0"),
    "</div>",
    "</body>",
    "</html>",
  ].join("\n") + "\n";

  return { subject: parts.subject, text, html };
}
