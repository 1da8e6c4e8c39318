import { type Browser, chromium, type Page } from "playwright-core";
import { type LiveServer, startServer } from "./server.ts";
import type { TestAppOptions } from "./app.ts";

export const CHROMIUM_PATH = "/usr/bin/chromium";

const installed = await Deno.stat(CHROMIUM_PATH).then((s) => s.isFile, () => false);
const skipRequested = Deno.env.get("SKIP_BROWSER_TESTS") === "1";

if (!installed) {
  // deno-lint-ignore no-console
  console.error(
    `browser tests: Chromium is not installed at ${CHROMIUM_PATH} (apt-get install chromium)` +
      (skipRequested
        ? "; skipped because SKIP_BROWSER_TESTS=1"
        : "; they fail unless SKIP_BROWSER_TESTS=1"),
  );
}

export interface BrowserContext {
  server: LiveServer;
  page: Page;
  browser: Browser;
}

/** Launches Debian's Chromium headless, as the project's CI does. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-quic",
      "--no-first-run",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

/**
 * A test that runs in headless Chromium against the real app on a real port. Without
 * Chromium it fails (a skip must never look like a pass) unless SKIP_BROWSER_TESTS=1.
 */
export function browserTest(
  name: string,
  fn: (t: BrowserContext) => Promise<void>,
  options: TestAppOptions = {},
): void {
  Deno.test({
    name,
    ignore: !installed && skipRequested,
    // Playwright keeps pipes and timers to the browser process between steps.
    sanitizeOps: false,
    sanitizeResources: false,
    async fn() {
      if (!installed) {
        throw new Error(
          `Chromium is not installed at ${CHROMIUM_PATH}; install it or set SKIP_BROWSER_TESTS=1`,
        );
      }
      await using server = await startServer(options);
      const browser = await launchChromium();
      try {
        const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
        const page = await context.newPage();
        page.setDefaultTimeout(10_000);
        await fn({ server, page, browser });
      } finally {
        await browser.close();
      }
    },
  });
}
