import type { Labels as LabelMap } from "@/lib/contexts/details.ts";

/** A context's labels as `key=value` chips; each links to the list filtered by it, if asked. */
export function Labels(props: { labels: LabelMap | null; href?: (label: string) => string }) {
  const entries = Object.entries(props.labels ?? {});
  if (entries.length === 0) return null;
  return (
    <ul class="flex flex-wrap gap-1" aria-label="Labels">
      {entries.map(([key, value]) => {
        const text = `${key}=${value}`;
        const chip =
          "inline-block max-w-full truncate rounded bg-slate-100 px-1.5 py-0.5 font-mono text-xs text-slate-700";
        return (
          <li class="min-w-0">
            {props.href
              ? (
                <a
                  href={props.href(text)}
                  class={`${chip} hover:bg-indigo-50 hover:text-indigo-800`}
                >
                  {text}
                </a>
              )
              : <span class={chip}>{text}</span>}
          </li>
        );
      })}
    </ul>
  );
}
