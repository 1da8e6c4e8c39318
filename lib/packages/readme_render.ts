// How a readme becomes HTML; imported by lib/packages/readme.ts on the first readme shown.
import { Marked, Renderer, type Tokens } from "marked";
import sanitizeHtml from "sanitize-html";

/** Heading ids carry this prefix, so a readme can never take an id the page itself uses. */
export const HEADING_ID_PREFIX = "readme-";

// Slugs already given in the readme being rendered (rendering is synchronous).
let slugs = new Map<string, number>();

function slugOf(html: string): string {
  const text = html.replace(/<[^>]*>/g, "").replace(/&[a-z#0-9]+;/gi, "");
  const base = text.toLowerCase().trim().replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "") ||
    "section";
  const seen = slugs.get(base) ?? 0;
  slugs.set(base, seen + 1);
  return seen === 0 ? base : `${base}-${seen}`;
}

const escapeHtml = (s: string) =>
  s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

const marked = new Marked({ gfm: true, breaks: false, async: false });
marked.use({
  renderer: {
    // Each heading gets an id and a link to itself, to share a section.
    heading({ tokens, depth }: Tokens.Heading) {
      const inner = this.parser.parseInline(tokens);
      const id = HEADING_ID_PREFIX + slugOf(inner);
      return `<h${depth} id="${id}">${inner} <a href="#${id}" class="readme-anchor" ` +
        `aria-label="Link to this section">#</a></h${depth}>\n`;
    },
    listitem(item: Tokens.ListItem) {
      const html = Renderer.prototype.listitem.call(this, item);
      return item.task ? html.replace(/^<li>/, '<li class="task-list-item">') : html;
    },
    // Remote images become links to them (see ALLOWED for why).
    image({ href, text }: Tokens.Image) {
      const label = text ? `Image: ${text}` : "Image";
      return `<a href="${escapeHtml(href)}" class="readme-image">${escapeHtml(label)}</a>`;
    },
  },
});

// What a readme may contain once rendered. Links are http(s), mailto or #anchors, and open
// with rel=nofollow noopener noreferrer. No images: an image becomes a link to it. Showing
// remote images would need img-src beyond 'self' (readers tracked by whoever hosts them);
// proxying them would make this server fetch any URL an owner names (SSRF, bandwidth) and
// serve third-party bytes, SVG included, from our own origin. A link costs a click.
// Task-list checkboxes stay, always disabled.
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
    "input",
  ],
  allowedAttributes: {
    a: ["href", "title", "rel", "class", "aria-label"],
    h1: ["id"],
    h2: ["id"],
    h3: ["id"],
    h4: ["id"],
    h5: ["id"],
    h6: ["id"],
    li: ["class"],
    input: ["type", "checked", "disabled"],
    code: ["class"],
    th: ["align"],
    td: ["align"],
    ol: ["start"],
  },
  allowedClasses: {
    code: [/^language-[a-z0-9+#-]+$/],
    a: ["readme-anchor", "readme-image"],
    li: ["task-list-item"],
  },
  allowedSchemes: ["http", "https", "mailto"],
  allowProtocolRelative: false,
  transformTags: {
    a: sanitizeHtml.simpleTransform("a", { rel: "nofollow noopener noreferrer" }),
    h1: headingIds,
    h2: headingIds,
    h3: headingIds,
    h4: headingIds,
    h5: headingIds,
    h6: headingIds,
    // Only a checkbox (exclusiveFilter drops the rest), and never one a reader can tick.
    input: (tagName, attribs) => ({
      tagName,
      attribs: {
        type: (attribs.type ?? "").toLowerCase(),
        disabled: "",
        ...("checked" in attribs ? { checked: "" } : {}),
      },
    }),
  },
  exclusiveFilter: (frame) => frame.tag === "input" && frame.attribs.type !== "checkbox",
  textFilter: (text) => text,
  nonTextTags: ["style", "script", "textarea", "option", "noscript"],
};

function headingIds(tagName: string, attribs: sanitizeHtml.Attributes): sanitizeHtml.Tag {
  const id = attribs.id;
  const ok = id !== undefined && id.startsWith(HEADING_ID_PREFIX) && /^[a-z0-9-]+$/.test(id);
  const kept: sanitizeHtml.Attributes = ok ? { id } : {};
  return { tagName, attribs: kept };
}

/** renderReadme's work, loaded on first use (lib/packages/readme.ts). */
export function renderReadmeNow(markdown: string): string {
  slugs = new Map();
  const html = marked.parse(markdown) as string;
  return sanitizeHtml(html, ALLOWED);
}
