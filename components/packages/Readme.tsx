import ReadmeCopy from "@/islands/ReadmeCopy.tsx";

// The readme's HTML comes from renderReadme (Markdown, sanitized with an allowlist), so it is
// safe to inject. Twind's preflight strips element styles; these put headings, lists, code
// and tables back, scoped to the readme.
const PROSE = [
  "text-sm leading-relaxed text-slate-800 break-words",
  "[&_h1]:mt-6 [&_h1]:mb-3 [&_h1]:text-xl [&_h1]:font-semibold [&_h1]:text-slate-900",
  "[&_h2]:mt-6 [&_h2]:mb-2 [&_h2]:text-lg [&_h2]:font-semibold [&_h2]:text-slate-900",
  "[&_h3]:mt-5 [&_h3]:mb-2 [&_h3]:font-semibold [&_h3]:text-slate-900",
  "[&_h4]:mt-4 [&_h4]:mb-1 [&_h4]:font-semibold",
  "[&_p]:my-3 [&_ul]:my-3 [&_ul]:list-disc [&_ul]:pl-6 [&_ol]:my-3 [&_ol]:list-decimal [&_ol]:pl-6",
  "[&_li]:my-1 [&_a]:text-indigo-700 [&_a]:underline [&_strong]:font-semibold [&_em]:italic",
  "[&_blockquote]:my-3 [&_blockquote]:border-l-4 [&_blockquote]:border-slate-200 [&_blockquote]:pl-4 [&_blockquote]:text-slate-600",
  "[&_code]:font-mono [&_code]:text-[0.85em] [&_code]:rounded [&_code]:bg-slate-100 [&_code]:px-1 [&_code]:py-0.5",
  "[&_pre]:my-3 [&_pre]:overflow-x-auto [&_pre:focus-visible]:outline [&_pre:focus-visible]:outline-2 [&_pre:focus-visible]:outline-indigo-600 [&_pre]:rounded-md [&_pre]:bg-slate-900 [&_pre]:p-3 [&_pre]:text-slate-100",
  "[&_pre_code]:bg-transparent [&_pre_code]:p-0 [&_pre_code]:text-slate-100",
  "[&_table]:my-3 [&_table]:block [&_table]:overflow-x-auto [&_table:focus-visible]:outline [&_table:focus-visible]:outline-2 [&_table:focus-visible]:outline-indigo-600 [&_th]:border [&_th]:border-slate-200 [&_th]:bg-slate-50 [&_th]:px-2 [&_th]:py-1 [&_td]:border [&_td]:border-slate-200 [&_td]:px-2 [&_td]:py-1",
  "[&_.readme-anchor]:ml-1 [&_.readme-anchor]:text-slate-300 [&_.readme-anchor]:no-underline [&_.readme-anchor:hover]:text-indigo-700",
  "[&_.task-list-item]:list-none [&_.task-list-item]:-ml-5 [&_input]:mr-1.5 [&_input]:align-middle",
  "[&_.readme-image]:break-all [&_pre]:pr-20",
  "[&_hr]:my-6 [&_hr]:border-slate-200 [&_h1:first-child]:mt-0 [&_h2:first-child]:mt-0 [&_p:first-child]:mt-0",
].join(" ");

/** A rendered readme, or a hint when there is none. */
export function Readme({ html, empty }: { html: string | null; empty: string }) {
  if (!html) return <p class="text-sm text-slate-600">{empty}</p>;
  // deno-lint-ignore react-no-danger -- sanitized by renderReadme with an allowlist
  const body = <div class={PROSE} dangerouslySetInnerHTML={{ __html: scrollable(html) }} />;
  return (
    <div data-readme>
      {body}
      <ReadmeCopy />
    </div>
  );
}

/**
 * Code blocks and tables scroll sideways inside the readme: each joins the tab order so a
 * keyboard can scroll it too. The sanitizer lets no attribute through on either tag, so the
 * bare tags are all there is to match.
 */
function scrollable(html: string): string {
  return html.replaceAll("<pre>", '<pre tabindex="0">').replaceAll(
    "<table>",
    '<table tabindex="0">',
  );
}
