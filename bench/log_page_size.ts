// deno-lint-ignore-file no-console -- a command-line tool
// The log viewer page's size for 100 typical lines (uncompressed HTML, as rendered), and what
// takes the room: `deno run -A bench/log_page_size.ts`.
import { typicalViewerPage } from "../tests/logs/typical_lines.ts";

const { app, bytes, html } = await typicalViewerPage();
await app[Symbol.asyncDispose]();
const part = (name: string, re: RegExp) => {
  const n = [...html.matchAll(re)].reduce((a, m) => a + m[0].length, 0);
  console.log(`  ${name}: ${n.toLocaleString("en")} bytes`);
};
console.log(`log viewer page, 100 typical lines: ${bytes.toLocaleString("en")} bytes`);
part("log lines (<li>)", /<li id="L\d+"[\s\S]*?<\/li>/g);
part("histogram (<svg>)", /<svg[\s\S]*?<\/svg>/g);
part("island data", /<script[^>]*__frsh_islands[\s\S]*?<\/script>/g);
part("class attributes", / class="[^"]*"/g);
