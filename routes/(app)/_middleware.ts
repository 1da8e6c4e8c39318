import { define } from "@/lib/define.ts";

// Everything in (app) is for signed-in people: others go to sign-in and come back after.
export const handler = define.middleware((ctx) => {
  if (!ctx.state.user) {
    const next = encodeURIComponent(ctx.url.pathname + ctx.url.search);
    return ctx.redirect(`/login?next=${next}`, 303);
  }
  return ctx.next();
});
