// Every page of the site, signed out and signed in, on a phone and on a laptop: nothing is
// wider than the screen (no sideways scrolling) and axe finds no serious or critical problem.
import type { Page } from "playwright-core";
import { assert } from "../helpers/assert.ts";
import { browserTest } from "../helpers/browser.ts";
import { buildSite } from "./site_pages.ts";

const AXE_PATH = new URL("../../node_modules/axe-core/axe.min.js", import.meta.url);
const WIDTHS = [1280, 390];

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: unknown[]; failureSummary?: string }[];
}

/** What is wrong with the page as shown now, at its current width; empty when nothing is. */
async function problemsOf(page: Page, axeSource: string): Promise<string[]> {
  const problems: string[] = [];
  const { scrollWidth, innerWidth, widest } = await page.evaluate(() => {
    // The element sticking out furthest, to say what to fix.
    let widest = "";
    let right = globalThis.innerWidth;
    for (const el of document.body.querySelectorAll("*")) {
      const r = el.getBoundingClientRect().right;
      if (r > right + 0.5) {
        right = r;
        widest = `${el.tagName.toLowerCase()}.${el.className}`.slice(0, 120);
      }
    }
    return {
      scrollWidth: document.documentElement.scrollWidth,
      innerWidth: globalThis.innerWidth,
      widest,
    };
  });
  if (scrollWidth > innerWidth) {
    problems.push(`scrolls sideways: ${scrollWidth}px wide in ${innerWidth}px (${widest})`);
  }
  // Evaluated through the DevTools protocol, which the page's CSP does not govern.
  if (!await page.evaluate("typeof axe !== 'undefined'")) await page.evaluate(axeSource);
  const violations = await page.evaluate(() =>
    // deno-lint-ignore no-explicit-any
    (globalThis as any).axe.run(document, { resultTypes: ["violations"] })
      .then((r: { violations: AxeViolation[] }) => r.violations)
  ) as AxeViolation[];
  for (const v of violations) {
    if (v.impact !== "serious" && v.impact !== "critical") continue;
    const where = v.nodes.slice(0, 3).map((n) => JSON.stringify(n.target)).join(", ");
    problems.push(`axe ${v.impact} ${v.id}: ${v.help} (${v.nodes.length}x: ${where})`);
  }
  return problems;
}

browserTest(
  "every page, signed out and signed in, fits a 390 px phone and a 1280 px screen without serious accessibility problems",
  async ({ server, browser }) => {
    const axeSource = await Deno.readTextFile(AXE_PATH);
    const site = await buildSite(server.app);
    const failures: string[] = [];
    let visited = 0;
    for (const signedIn of [false, true]) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
      if (signedIn) {
        const [name, value] = site.cookie.split("=") as [string, string];
        await context.addCookies([{ name, value, url: server.url }]);
      }
      const page = await context.newPage();
      page.setDefaultTimeout(10_000);
      const seen = new Set<string>();
      for (const { route, path } of site.pages) {
        await page.setViewportSize({ width: WIDTHS[0]!, height: 800 });
        await page.goto(`${server.url}${path}`, { waitUntil: "load" });
        // Signed out, every account page lands on the same sign-in form.
        const landed = new URL(page.url());
        landed.searchParams.delete("next");
        if (seen.has(landed.href)) continue;
        seen.add(landed.href);
        if (await page.locator("script[type=module]").count()) {
          await page.locator("html[data-hydrated=true]").waitFor();
        }
        for (const width of WIDTHS) {
          await page.setViewportSize({ width, height: width > 600 ? 800 : 844 });
          for (const problem of await problemsOf(page, axeSource)) {
            failures.push(
              `${signedIn ? "signed in" : "signed out"} ${width}px ${path} [${route}]: ${problem}`,
            );
          }
        }
        visited++;
      }
      await context.close();
    }
    assert.ok(visited > 30, `visited ${visited} pages`);
    assert.deepEqual(failures, []);
  },
);
