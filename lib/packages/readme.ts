import { Marked } from "marked";
import sanitizeHtml from "sanitize-html";

const marked = new Marked({ gfm: true, breaks: false, async: false });

// What a readme may contain once rendered. No images: the CSP allows only our own origin, so
// remote images could not load anyway; their alt text is kept. Links are http(s) or mailto,
// and open with rel=nofollow noopener noreferrer.
const ALLOWED: sanitizeHtml.IOptions = {
  allowedTags: [
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "p",
    "br",
    "hr",
    "blockquote",
    "pre",
    "code",
    "em",
    "strong",
    "del",
    "s",
    "ul",
    "ol",
    "li",
    "a",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "kbd",
    "sup",
    "sub",
    "details",
    "summary",
  ],
  allowedAttributes: {
    a: ["href", "title", "rel"],
    code: ["class"],
    th: ["align"],
    td: ["align"],
    ol: ["start"],
  },
  allowedClasses: { code: [/^language-[a-z0-9+#-]+$/] },
  allowedSchemes: ["http", "https", "mailto"],
  allowProtocolRelative: false,
  transformTags: {
    a: sanitizeHtml.simpleTransform("a", { rel: "nofollow noopener noreferrer" }),
  },
  exclusiveFilter: () => false,
  textFilter: (text) => text,
  nonTextTags: ["style", "script", "textarea", "option", "noscript"],
};

/** Renders a readme's Markdown to sanitized HTML (safe to inject); images become their alt text. */
export function renderReadme(markdown: string): string {
  const html = marked.parse(markdown.replace(/!\[([^\]]*)\]\([^)]*\)/g, "$1")) as string;
  return sanitizeHtml(html, ALLOWED);
}
