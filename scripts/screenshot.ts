// deno-lint-ignore-file no-console -- a command-line tool
// Screenshots pages of a running app in headless Chromium, for looking at them:
//   deno run -A scripts/screenshot.ts http://localhost:8000/ out.png [--width 390] [--cookie name=value]
import { launchChromium } from "../tests/helpers/browser.ts";

const [url, out] = Deno.args;
if (!url || !out) {
  console.error("usage: screenshot.ts <url> <out.png> [--width N] [--cookie name=value]");
  Deno.exit(2);
}
const flag = (name: string) => {
  const i = Deno.args.indexOf(name);
  return i === -1 ? undefined : Deno.args[i + 1];
};
const width = Number(flag("--width") ?? 1280);
const browser = await launchChromium();
try {
  const context = await browser.newContext({ viewport: { width, height: 900 } });
  const cookie = flag("--cookie");
  if (cookie) {
    const [name, value] = cookie.split("=", 2) as [string, string];
    await context.addCookies([{ name, value, url }]);
  }
  const page = await context.newPage();
  await page.goto(url, { waitUntil: "networkidle" });
  await page.screenshot({ path: out, fullPage: true });
  console.log(`${out}: ${width}px wide`);
} finally {
  await browser.close();
}
