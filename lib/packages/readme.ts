// The Markdown renderer and the HTML sanitizer take about a tenth of a second to load, so
// they are loaded with the first readme shown, not at start-up (docs/benchmarks.md).

/**
 * Renders a readme's Markdown to sanitized HTML (safe to inject): task lists, headings with
 * anchors, and images as links to them.
 */
export async function renderReadme(markdown: string): Promise<string> {
  const { renderReadmeNow } = await import("./readme_render.ts");
  return renderReadmeNow(markdown);
}
