// The pages a mailed link opens (verify the address, reset the password): the token is in the
// URL, so these pages must not leak it through the Referer header, and a link that does not
// work answers 400 from the first view.
import type { Ctx } from "../define.ts";
import type { EmailTokenPurpose } from "../auth/email_tokens.ts";
import { inspectLink } from "../auth/links.ts";

/** Headers of every answer of a link page. */
export const NO_REFERRER = { "referrer-policy": "no-referrer" };

/**
 * The first view of a link page: its token, whom the link is for (null when it does not work)
 * and the page's status and headers.
 */
export async function openLinkPage(ctx: Ctx, title: string, purpose: EmailTokenPurpose) {
  ctx.state.title = title;
  const token = ctx.url.searchParams.get("token") ?? "";
  const link = await inspectLink(ctx.state.services, ctx.state.actor, { token, purpose });
  return { token, link, options: { status: link ? 200 : 400, headers: NO_REFERRER } };
}
