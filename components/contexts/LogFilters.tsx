// The viewer's filters as plain links and one GET form, so every view has a URL and works
// without JavaScript (FilterAutoApply then applies changes as they are made). The two search
// fields are styled by static/log-viewer.css (the page has a byte budget). Times are UTC
// unless the reader picked local times (islands/TimeToggle.tsx).
import { type FilterForm, type Preset, PRESETS } from "@/lib/logs/viewer.ts";
import { MAX_QUERY_CHARS } from "@/lib/logs/filter.ts";
import { ui } from "@/components/styles.ts";
import FilterAutoApply from "@/islands/FilterAutoApply.tsx";
import { withParams } from "./links.ts";

const SEVERITY_CHOICES = [
  ["", "All severities"],
  ["info", "Info and above"],
  ["warn", "Warnings and errors"],
  ["error", "Errors only"],
] as const;

export function LogFilters(
  props: { path: string; sticky: Record<string, string>; values: FilterForm },
) {
  const { values } = props;
  const custom = !values.preset && (values.from !== "" || values.to !== "");
  const presetHref = (preset: Preset | null) =>
    withParams(preset ? "" : props.path, props.sticky, { range: preset, from: null, to: null });
  const exact = values.exact;
  return (
    <div class="space-y-3">
      <nav aria-label="Time range" class="flex flex-wrap items-center gap-2 text-sm">
        <span class="text-slate-600">Time</span>
        <div class="presets inline-flex overflow-hidden rounded-md border border-slate-300">
          {([...Object.keys(PRESETS), null] as (Preset | null)[]).map((p) => {
            const current = p === values.preset && !custom;
            return (
              <a
                href={presetHref(p)}
                aria-current={current ? "true" : undefined}
                title={p ? PRESETS[p].title : "Every line kept"}
              >
                {p ? PRESETS[p].label : "All"}
              </a>
            );
          })}
        </div>
        {custom && (
          <span class="rounded bg-indigo-50 px-2 py-1 text-xs font-medium text-indigo-800">
            custom range
          </span>
        )}
      </nav>
      <form
        id="log-filters"
        method="get"
        action={props.path}
        class="flex flex-wrap items-end gap-3"
        role="search"
      >
        {values.preset && <input type="hidden" name="range" value={values.preset} />}
        <div class="min-w-[12rem] flex-1 space-y-1">
          <label for="log-q" class={ui.label}>Text</label>
          <input
            id="log-q"
            name="q"
            type="search"
            value={values.q || undefined}
            maxLength={MAX_QUERY_CHARS}
            placeholder="Literal text, such as timeout or req-42"
          />
        </div>
        <div class="flex-1 space-y-1">
          <label for="log-fields" class={ui.label}>Fields</label>
          <input
            id="log-fields"
            name="fields"
            type="search"
            value={values.fields || undefined}
            placeholder="status:500"
          />
        </div>
        {exact
          ? (
            <div class="space-y-1">
              <span class={ui.label}>Severity</span>
              <span class="flex items-center gap-2 py-1.5 text-sm">
                <input type="hidden" name="severity" value={exact} />
                <span class="rounded bg-slate-100 px-2 py-1 font-medium">only {exact}</span>
                <a href={withParams(props.path, props.sticky, { severity: null })} class={ui.link}>
                  any severity
                </a>
              </span>
            </div>
          )
          : (
            <div class="space-y-1">
              <label for="log-severity" class={ui.label}>Severity</label>
              <select id="log-severity" name="min_severity" class={ui.input}>
                {SEVERITY_CHOICES.map(([value, label]) => (
                  <option value={value} selected={value === values.minSeverity}>{label}</option>
                ))}
              </select>
            </div>
          )}
        <details class="group w-full sm:w-auto" open={custom}>
          <summary class="cursor-pointer select-none py-2 text-sm font-medium text-indigo-700 hover:underline">
            Custom range (<span id="log-range-zone">UTC</span>)
          </summary>
          <div class="mt-2 flex flex-wrap gap-3">
            <RangeBound name="from" label="From" value={values.from} />
            <RangeBound name="to" label="To" value={values.to} />
          </div>
        </details>
        <div class="flex gap-2">
          <FilterAutoApply />
          <a href={props.path} class={ui.buttonSecondary}>Clear</a>
        </div>
      </form>
    </div>
  );
}

/** One end of the custom range, to the second. */
function RangeBound(props: { name: "from" | "to"; label: string; value: string }) {
  const id = `log-${props.name}`;
  return (
    <div class="space-y-1">
      <label for={id} class={ui.label}>{props.label}</label>
      <input
        id={id}
        name={props.name}
        type="datetime-local"
        step="1"
        value={props.value || undefined}
        class={ui.input}
      />
    </div>
  );
}
