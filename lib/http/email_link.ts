// One handler for the pages that mail a link to an address typed in (forgot password, resend
// verification): the form, then "check your email", or the form again beside the refusal.
import { define } from "../define.ts";
import { page } from "../framework/handlers.ts";
import type { Services } from "../services.ts";
import type { Actor } from "../access/policy.ts";
import { formFields, readForm } from "./body.ts";
import { fieldErrors, formFailure } from "./errors.ts";

export interface EmailLinkData {
  email: string;
  /** The problem with the address, shown beside it. */
  error?: string;
  /** A refusal that is not about the address, such as a rate limit. */
  formError?: string;
  sent: boolean;
}

export interface EmailLinkOptions {
  title: string;
  /** The command that mails the link. */
  send(s: Services, actor: Actor, input: { email: string }): Promise<void>;
  /**
   * For a browser signed in with a session: the form starts with its address, and once sent
   * it goes here (the command then uses the account's own address).
   */
  signedIn?: { redirect: string };
}

/** The GET and POST handlers of an "email me a link" page. */
export function emailLinkHandlers(options: EmailLinkOptions) {
  return define.handlers({
    GET(ctx) {
      ctx.state.title = options.title;
      const email = options.signedIn ? ctx.state.user?.email ?? "" : "";
      return page<EmailLinkData>({ email, sent: false });
    },
    async POST(ctx) {
      ctx.state.title = options.title;
      const { actor } = ctx.state;
      // The dashboard banner's button sends no address: the command uses the account's own.
      const own = options.signedIn && actor.kind === "user" && actor.via === "session";
      const email = own
        ? ctx.state.user?.email ?? ""
        : formFields(await readForm(ctx.req)).email ?? "";
      try {
        await options.send(ctx.state.services, actor, { email });
      } catch (error) {
        const failure = formFailure(error);
        if (!failure) throw error;
        const errors = fieldErrors(failure, ["email"]);
        return page<EmailLinkData>({
          email,
          error: errors.email,
          formError: errors.form,
          sent: false,
        }, { status: failure.status, headers: failure.headers });
      }
      if (own) return ctx.redirect(options.signedIn!.redirect, 303);
      return page<EmailLinkData>({ email, sent: true });
    },
  });
}
