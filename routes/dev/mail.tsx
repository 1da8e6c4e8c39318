import { define } from "@/lib/define.ts";
import { page } from "@/lib/framework/handlers.ts";
import { HttpError } from "@/lib/framework/http_error.ts";
import { ConsoleMailer, linksIn } from "@/lib/mail/console_mailer.ts";
import { exactTime } from "@/components/time.tsx";
import { ui } from "@/components/styles.ts";
import type { RouteAccess } from "@/lib/http/access.ts";

export const access: RouteAccess = "page";

// Development only: with mail printed to the console, this lists the last messages so a
// newcomer can click through verification and reset without a mail server.
export const handler = define.handlers({
  GET(ctx) {
    const { config, mailer } = ctx.state.services;
    if (config.env !== "development" || !(mailer instanceof ConsoleMailer)) {
      throw new HttpError(404, "Page not found");
    }
    ctx.state.title = "Development mail";
    return page({ messages: mailer.outbox });
  },
});

export default define.page<typeof handler>(function DevMail({ data }) {
  return (
    <div class="space-y-6">
      <div class="space-y-1">
        <h1 class={ui.h1}>Development mail</h1>
        <p class={ui.muted}>
          The last messages the console mailer printed, newest first. This page exists only in
          development, without SMTP_URL.
        </p>
      </div>
      {data.messages.length === 0 && <p class="text-sm text-slate-500">No mail sent yet.</p>}
      {data.messages.map((m) => (
        <article class={`${ui.card} p-5 space-y-2`}>
          <header class="flex flex-wrap justify-between gap-2 text-sm">
            <span class="font-semibold text-slate-900">{m.subject}</span>
            <span class="text-slate-500">to {m.to} · {exactTime(m.sentAt)}</span>
          </header>
          <ul class="space-y-1">
            {linksIn(m.text).map((link) => (
              <li>
                <a href={link} class={`${ui.link} break-all text-sm`}>{link}</a>
              </li>
            ))}
          </ul>
          <details>
            <summary class="cursor-pointer text-xs text-slate-500">Full text</summary>
            <pre class="mt-2 whitespace-pre-wrap text-xs text-slate-700">{m.text}</pre>
          </details>
        </article>
      ))}
    </div>
  );
});
