import { useEffect } from "preact/hooks";

const TYPING_PAUSE_MS = 600;
const FOCUS_KEY = "inactu.log-q-focus";

/**
 * Applies the viewer's severity and text filters as they change, so no Apply click is
 * needed; the form (id `log-filters`) stays a plain GET form that works without this. The
 * Apply button is then only shown while the custom range is open, where typing two dates
 * should not reload the page twice. Renders nothing.
 */
export default function FilterAutoApply() {
  useEffect(() => {
    const form = document.getElementById("log-filters") as HTMLFormElement | null;
    if (!form) return;
    const apply = form.querySelector<HTMLElement>("[data-apply]");
    const range = form.querySelector("details");
    const q = form.querySelector<HTMLInputElement>("input[name=q]");
    const showApply = () => apply?.classList.toggle("hidden", !range?.open);
    showApply();
    range?.addEventListener("toggle", showApply);
    // After a reload caused by typing, carry on typing where the reader was.
    if (q && sessionStorage.getItem(FOCUS_KEY) === "1") {
      sessionStorage.removeItem(FOCUS_KEY);
      q.focus();
      q.setSelectionRange(q.value.length, q.value.length);
    }
    let timer: ReturnType<typeof setTimeout> | undefined;
    const onChange = (event: Event) => {
      if ((event.target as HTMLElement).tagName === "SELECT") form.requestSubmit();
    };
    const onInput = (event: Event) => {
      if (event.target !== q) return;
      clearTimeout(timer);
      timer = setTimeout(() => {
        sessionStorage.setItem(FOCUS_KEY, "1");
        form.requestSubmit();
      }, TYPING_PAUSE_MS);
    };
    form.addEventListener("change", onChange);
    form.addEventListener("input", onInput);
    return () => {
      clearTimeout(timer);
      form.removeEventListener("change", onChange);
      form.removeEventListener("input", onInput);
      range?.removeEventListener("toggle", showApply);
    };
  }, []);
  return null;
}
