import { ui } from "./styles.ts";

/** Shown until the email is verified: why it matters, and a way to get the link again. */
export function VerifyBanner({ email }: { email: string }) {
  return (
    <div class="rounded-md bg-amber-50 px-4 py-3 ring-1 ring-inset ring-amber-200 flex flex-wrap items-center gap-3 justify-between">
      <p class="text-sm text-amber-900">
        <strong>Verify your email address to publish packages.</strong> We sent a link to {email}.
      </p>
      <form method="post" action="/verify/resend">
        <button type="submit" class={ui.buttonSmall}>Send the link again</button>
      </form>
    </div>
  );
}
