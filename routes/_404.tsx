import { define } from "@/lib/define.ts";
import { ui } from "@/components/styles.ts";

// A private package, and every page of an account not yet verified, answers 404 (never 403)
// to all but its owner, so that asking cannot confirm it exists. The page says so where a
// package or an account was asked for, by the shape of the path alone: one text for every
// /@ path, whether or not the account exists.
const PACKAGE_PATH = /^\/(@[^/]+|packages\/[^/]+)(\/|$)/;
const PRIVATE_NOTE =
  " Private packages and accounts not yet verified look like this too, to anyone but their owner.";

export default define.page(function NotFound({ url, state }) {
  state.title = "Page not found";
  return (
    <div class="mx-auto max-w-xl py-16 text-center space-y-4">
      <p class="text-sm font-semibold text-indigo-600">404</p>
      <h1 class={ui.h1}>We could not find that page</h1>
      <p class="text-slate-600">
        Nothing lives at <code class={ui.code}>{url.pathname}</code>.
        {PACKAGE_PATH.test(url.pathname) && PRIVATE_NOTE}
      </p>
      <div class="flex justify-center gap-3 pt-2">
        <a href="/" class={ui.buttonPrimary}>Go home</a>
        <a href="/explore" class={ui.buttonSecondary}>Explore packages</a>
      </div>
    </div>
  );
});
