// The email an alert sends on each transition, built from the webhook's payload so that both
// targets say the same thing.
import type { MailContent } from "../mail/templates.ts";
import { escapeHtml } from "../html.ts";

interface Payload {
  event: string;
  alert: { name: string; url: string };
  condition: {
    query: string | null;
    min_severity: string;
    threshold: number;
    window_minutes: number;
  };
  count: number;
  search_url: string;
}

/** Subject and body of an alert's notification. */
export function alertMail(p: Payload): MailContent {
  const name = p.alert.name.replace(/[\r\n]+/g, " ");
  const firing = p.event === "firing";
  const subject = firing ? `Alert firing: ${name}` : `Alert resolved: ${name}`;
  const c = p.condition;
  const what = `${c.min_severity} or worse${c.query ? ` matching "${c.query}"` : ""}`;
  const summary = firing
    ? `${p.count} lines (${what}) in the last ${c.window_minutes} minutes: more than ${c.threshold}.`
    : `${p.count} lines (${what}) in the last ${c.window_minutes} minutes: back to at most ${c.threshold}.`;
  const text = [
    summary,
    "The lines:",
    p.search_url,
    "The alert:",
    p.alert.url,
    "— inactu-control",
  ].join("\n\n") + "\n";
  const link = (href: string) => `<a href="${escapeHtml(href)}">${escapeHtml(href)}</a>`;
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8">` +
    `<title>${escapeHtml(subject)}</title></head><body>` +
    `<p>${escapeHtml(summary)}</p><p>The lines: ${link(p.search_url)}</p>` +
    `<p>The alert: ${link(p.alert.url)}</p><p>— inactu-control</p></body></html>`;
  return { subject, text, html };
}
