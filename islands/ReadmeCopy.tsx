import { useEffect, useRef } from "preact/hooks";

const BUTTON =
  "absolute right-2 top-2 rounded-md bg-white px-2.5 py-1 text-xs font-semibold text-slate-700 ring-1 ring-inset ring-slate-300 hover:bg-slate-50 focus-visible:outline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600";

/**
 * Adds a copy button to every code block of the readme around it. The readme is sanitized
 * HTML, not components, so the buttons are added to its DOM; without JavaScript the code
 * stays selectable and nothing is missing but the shortcut.
 */
export default function ReadmeCopy() {
  const ref = useRef<HTMLSpanElement>(null);
  useEffect(() => {
    const root = ref.current?.closest("[data-readme]");
    if (!root) return;
    for (const pre of Array.from(root.querySelectorAll("pre"))) {
      const wrap = document.createElement("div");
      wrap.className = "relative";
      pre.replaceWith(wrap);
      const button = document.createElement("button");
      button.type = "button";
      button.className = BUTTON;
      const idle = () => {
        button.textContent = "Copy";
        button.setAttribute("aria-label", "Copy code to clipboard");
      };
      idle();
      button.addEventListener("click", async () => {
        // The outcome is the button's name until it resets.
        button.removeAttribute("aria-label");
        try {
          await navigator.clipboard.writeText(pre.textContent ?? "");
          button.textContent = "Copied";
        } catch {
          button.textContent = "Press Ctrl+C to copy";
        }
        setTimeout(idle, 2000);
      });
      wrap.append(pre, button);
    }
  }, []);
  return <span ref={ref} hidden />;
}
