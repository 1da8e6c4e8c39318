import { cachedMarkup } from "@/lib/framework/render.ts";
import { ui } from "./styles.ts";
import { LISTS, OwnerSwitcher } from "./OwnerSwitcher.tsx";

export interface HeaderUser {
  handle: string;
}

const NAV_SIGNED_IN = [
  { href: "/packages", label: "Packages" },
  { href: "/contexts", label: "Contexts" },
  { href: "/logs", label: "Logs" },
  { href: "/explore", label: "Explore" },
  { href: "/settings", label: "Settings" },
];

// With ORGS_ENABLED (docs/adr/0010), the signed-in bar also links to the organizations.
const NAV_WITH_ORGS = [
  ...NAV_SIGNED_IN.slice(0, 2),
  { href: "/orgs", label: "Organizations" },
  ...NAV_SIGNED_IN.slice(2),
];

const NAV_SIGNED_OUT = [{ href: "/explore", label: "Explore" }];

/** The owner switcher's input: the user's organizations, and the `?owner=` of this page. */
export interface HeaderOwners {
  orgs: string[];
  owner: string | null;
}

/**
 * The top bar: product name, sections, and the account links. `neutral` renders the same bar
 * for everyone, signed in or not, for pages that shared caches keep. `owners` (only with
 * ORGS_ENABLED) adds the organizations link and the owner switcher.
 */
export function SiteHeader(
  { path, user, neutral, owners }: {
    path: string;
    user?: HeaderUser | null;
    neutral?: boolean;
    owners?: HeaderOwners | null;
  },
) {
  const signedIn = !!user && !neutral;
  const withOrgs = signedIn && !!owners;
  const nav = withOrgs ? NAV_WITH_ORGS : signedIn ? NAV_SIGNED_IN : NAV_SIGNED_OUT;
  const current =
    nav.find((item) => path === item.href || path.startsWith(`${item.href}/`))?.href ?? "";
  // The same bar for every page of a section and a user: rendered once per combination.
  const who = neutral ? "neutral" : user ? `@${user.handle}` : "anonymous";
  const switcher = withOrgs ? switcherProps(path, owners!) : null;
  const key = switcher
    ? ` ${switcher.list ?? ""} ${switcher.shown ?? ""} ${switcher.orgs.join(",")}`
    : "";
  return cachedMarkup(
    `site-header ${current} ${who}${key}`,
    () => (
      <HeaderMarkup
        nav={nav}
        current={current}
        user={neutral ? null : user ?? null}
        switcher={switcher}
      />
    ),
  );
}

type SwitcherProps = Omit<Parameters<typeof OwnerSwitcher>[0], "me">;

/** The list this page is (if one the switcher filters) and the organization it shows. */
function switcherProps(path: string, owners: HeaderOwners): SwitcherProps {
  const list = LISTS.find((l) => l === path) ?? null;
  const owner = owners.owner?.toLowerCase() ?? null;
  const shown = list && owner && owners.orgs.includes(owner) ? owner : null;
  return { orgs: owners.orgs, list, shown };
}

function HeaderMarkup(
  { nav, current, user, switcher }: {
    nav: typeof NAV_SIGNED_IN;
    current: string;
    user: HeaderUser | null;
    switcher: SwitcherProps | null;
  },
) {
  return (
    <header class="border-b border-slate-200 bg-white">
      <div class="max-w-6xl mx-auto px-4 sm:px-6 flex flex-wrap items-center gap-x-6 gap-y-2 py-3">
        <a
          href="/"
          class={`flex items-center gap-2 font-semibold text-slate-900 rounded ${ui.focus}`}
        >
          <Logo />
          <span>inactu control</span>
        </a>
        {/* With the switcher, a phone shows it beside the logo and the sections below. */}
        <nav
          aria-label="Main"
          class={`flex flex-wrap items-center gap-1 text-sm ${
            switcher ? "order-last w-full sm:order-none sm:w-auto" : ""
          }`}
        >
          {nav.map((item) => {
            const isCurrent = item.href === current;
            return (
              <a
                href={item.href}
                aria-current={isCurrent ? "page" : undefined}
                class={`rounded-md px-3 py-1.5 font-medium ${ui.focus} ${
                  isCurrent
                    ? "bg-slate-100 text-slate-900"
                    : "text-slate-600 hover:text-slate-900 hover:bg-slate-50"
                }`}
              >
                {item.label}
              </a>
            );
          })}
        </nav>
        <div class="ml-auto flex items-center gap-3 text-sm">
          {
            /*
             * The neutral bar (shared-cache pages) links like the signed-out one: those links
             * work for everyone, as /login and /signup send a signed-in visitor to the dashboard.
             */
          }
          {user
            ? (
              <>
                {switcher ? <OwnerSwitcher me={user.handle} {...switcher} /> : (
                  <a
                    href={`/@${user.handle}`}
                    class="text-slate-600 hover:text-slate-900 font-mono"
                  >
                    @{user.handle}
                  </a>
                )}
                <form method="post" action="/logout">
                  <button type="submit" class={ui.buttonSmall}>Sign out</button>
                </form>
              </>
            )
            : (
              <>
                <a
                  href="/login"
                  class={`font-medium text-slate-700 hover:text-slate-900 rounded ${ui.focus}`}
                >
                  Sign in
                </a>
                <a href="/signup" class={ui.buttonPrimary}>Create account</a>
              </>
            )}
        </div>
      </div>
    </header>
  );
}

export function SiteFooter() {
  return cachedMarkup("site-footer", () => <FooterMarkup />);
}

function FooterMarkup() {
  return (
    <footer class="border-t border-slate-200 bg-white">
      <div class="max-w-6xl mx-auto px-4 sm:px-6 py-6 flex flex-wrap gap-x-6 gap-y-2 text-sm text-slate-500">
        <span>inactu control: a registry and control plane for signed WebAssembly skills</span>
        <a href="/explore" class="hover:text-slate-800">Explore public packages</a>
        <a href="/docs/api" class="hover:text-slate-800">API reference</a>
      </div>
    </footer>
  );
}

function Logo() {
  return (
    <svg width="24" height="24" viewBox="0 0 24 24" aria-hidden="true">
      <path d="M12 2 21 7v10l-9 5-9-5V7z" fill="#4f46e5" />
      <path d="M12 7.5 16.5 10v5L12 17.5 7.5 15v-5z" fill="#c7d2fe" />
    </svg>
  );
}
