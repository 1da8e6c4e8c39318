import { define } from "@/lib/define.ts";
import { SiteFooter, SiteHeader } from "@/components/SiteChrome.tsx";

export default define.layout(function Layout({ Component, url, state }) {
  return (
    <>
      <a
        href="#main"
        class="sr-only focus:not-sr-only focus:absolute focus:top-2 focus:left-2 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2 focus:shadow"
      >
        Skip to content
      </a>
      {state.publicPage ? <SiteHeader path={url.pathname} neutral /> : (
        <SiteHeader
          path={url.pathname}
          user={state.user}
          owners={state.orgHandles
            ? { orgs: state.orgHandles, owner: url.searchParams.get("owner") }
            : null}
        />
      )}
      <main id="main" class="flex-1 w-full max-w-6xl mx-auto px-4 sm:px-6 py-8">
        <Component />
      </main>
      <SiteFooter />
    </>
  );
});
