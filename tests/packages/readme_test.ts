import { assert, assertExcludes, assertIncludes } from "../helpers/assert.ts";
import { renderReadme } from "@/lib/packages/readme.ts";

Deno.test("a readme renders Markdown: headings, lists, code and tables", () => {
  const html = renderReadme(
    "# Title\n\n- one\n- two\n\n```ts\nconst x = 1;\n```\n\n| a | b |\n|---|---|\n| 1 | 2 |\n",
  );
  assertIncludes(html, "<h1>Title</h1>");
  assertIncludes(html, "<li>one</li>");
  assertIncludes(html, '<code class="language-ts">const x = 1;');
  assertIncludes(html, "<td>1</td>");
});

Deno.test("a readme is sanitized: scripts, handlers, javascript: links and raw HTML tricks are removed", () => {
  const html = renderReadme([
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(2)">',
    "[click](javascript:alert(3))",
    '<a href="https://ok.example" onclick="alert(4)">ok</a>',
    "<iframe src=https://evil.example></iframe>",
    '<div style="position:fixed">x</div>',
    "![logo](https://cdn.example/logo.png)",
  ].join("\n\n"));
  for (const bad of ["<script", "onerror", "javascript:", "onclick", "<iframe", "style=", "<img"]) {
    assertExcludes(html, bad);
  }
  assertIncludes(html, '<a href="https://ok.example" rel="nofollow noopener noreferrer">ok</a>');
  assertIncludes(html, "logo");
  assert.ok(html.length > 0);
});
