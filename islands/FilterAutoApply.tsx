import { useEffect } from "preact/hooks";
import { useSignal } from "@preact/signals";
import { ui } from "@/components/styles.ts";

const TYPING_PAUSE_MS = 600;
const FOCUS_KEY = "inactu.log-q-focus";

/**
 * The filter form's Apply button, which with JavaScript is seldom needed: severity and text
 * apply as they change, field filters on Enter (half-typed, `status:` is an error), and the
 * button only shows while the custom range is open (typing two
 * dates should not reload the page twice). The form (id `log-filters`) stays a plain GET
 * form that works without this.
 */
export default function FilterAutoApply() {
  const rangeOpen = useSignal(true);
  useEffect(() => {
    const form = document.getElementById("log-filters") as HTMLFormElement | null;
    if (!form) return;
    const range = form.querySelector("details");
    const q = form.querySelector<HTMLInputElement>("input[name=q]");
    const showApply = () => rangeOpen.value = !!range?.open;
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
    // Empty fields stay out of the URL (a GET form would add `q=&min_severity=`).
    const onSubmit = () => {
      for (const field of form.querySelectorAll<HTMLInputElement>("[name]")) {
        if (field.value === "") field.removeAttribute("name");
      }
    };
    // With no Apply button shown, Enter would not submit a form of several fields.
    const onKeyDown = (event: KeyboardEvent) => {
      const target = event.target as HTMLInputElement;
      if (event.key === "Enter" && target.name === "fields") {
        event.preventDefault();
        form.requestSubmit();
      }
    };
    form.addEventListener("keydown", onKeyDown);
    form.addEventListener("change", onChange);
    form.addEventListener("input", onInput);
    form.addEventListener("submit", onSubmit);
    return () => {
      clearTimeout(timer);
      form.removeEventListener("keydown", onKeyDown);
      form.removeEventListener("change", onChange);
      form.removeEventListener("input", onInput);
      form.removeEventListener("submit", onSubmit);
      range?.removeEventListener("toggle", showApply);
    };
  }, []);
  if (!rangeOpen.value) return <span hidden />;
  return <button type="submit" class={ui.buttonPrimary}>Apply</button>;
}
