import { assert, assertExcludes, assertIncludes } from "../helpers/assert.ts";
import { renderReadme } from "@/lib/packages/readme.ts";

Deno.test("a readme renders Markdown: headings, lists, code and tables", async () => {
  const html = await renderReadme(
    "# Title\n\n- one\n- two\n\n```ts\nconst x = 1;\n```\n\n| a | b |\n|---|---|\n| 1 | 2 |\n",
  );
  // Headings now carry an anchor (the assertion was "<h1>Title</h1>").
  assertIncludes(html, '<h1 id="readme-title">Title <a href="#readme-title"');
  assertIncludes(html, "<li>one</li>");
  assertIncludes(html, '<code class="language-ts">const x = 1;');
  assertIncludes(html, "<td>1</td>");
});

Deno.test("a readme is sanitized: scripts, handlers, javascript: links and raw HTML tricks are removed", async () => {
  const html = await renderReadme([
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

Deno.test("a readme keeps task-list checkboxes, ticked or not, and a reader cannot tick them", async () => {
  const html = await renderReadme(
    '- [x] done\n- [ ] to do\n\n<input type="text" name="q"><input type="checkbox">',
  );
  assertIncludes(
    html,
    '<li class="task-list-item"><input type="checkbox" disabled checked /> done',
  );
  assertIncludes(html, '<li class="task-list-item"><input type="checkbox" disabled /> to do');
  assertExcludes(html, 'type="text"');
  assertExcludes(html, "name=");
  assert.equal(html.match(/<input/g)?.length, 3);
});

Deno.test("readme headings get unique anchors that link to themselves, and cannot take the page's ids", async () => {
  const html = await renderReadme(
    '# Usage\n\n## Usage\n\n## *Fast* start!\n\n<h2 id="install">x</h2>',
  );
  assertIncludes(html, '<h1 id="readme-usage">Usage <a href="#readme-usage"');
  assertIncludes(html, '<h2 id="readme-usage-1">');
  assertIncludes(html, '<h2 id="readme-fast-start">');
  assertIncludes(html, 'aria-label="Link to this section"');
  assertIncludes(html, "<h2>x</h2>");
});

Deno.test("readme images are shown as links to them, never loaded, and only http(s) ones link", async () => {
  const html = await renderReadme(
    "![logo <b>](https://cdn.example/logo.png)\n\n![](javascript:alert(1))\n\n![x][r]\n\n[r]: https://cdn.example/r.png",
  );
  assertIncludes(html, '<a href="https://cdn.example/logo.png" class="readme-image"');
  assertIncludes(html, ">Image: logo &lt;b&gt;</a>");
  assertIncludes(html, 'href="https://cdn.example/r.png"');
  assertExcludes(html, "javascript:");
  assertExcludes(html, "<img");
});
