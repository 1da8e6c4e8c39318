import { ui } from "@/components/styles.ts";

/** One choice of a filter or sort select. */
export interface Choice {
  value: string;
  label: string;
}

/** A labelled select for a GET filter form; the current value stays selected. */
export function FilterSelect(
  props: { label: string; name: string; value: string; choices: Choice[] },
) {
  const id = `filter-${props.name}`;
  return (
    <div class="min-w-0 space-y-1">
      <label for={id} class="block text-xs font-medium text-slate-600">{props.label}</label>
      <select id={id} name={props.name} class={ui.input}>
        {props.choices.map((c) => (
          <option value={c.value} selected={props.value === c.value}>{c.label}</option>
        ))}
      </select>
    </div>
  );
}

/** The text search of a package list's GET form. */
export function SearchField({ value, placeholder }: { value: string; placeholder: string }) {
  return (
    <div class="col-span-2 min-w-0 space-y-1 sm:col-span-1">
      <label for="filter-q" class="block text-xs font-medium text-slate-600">Search</label>
      <input
        id="filter-q"
        type="search"
        name="q"
        value={value}
        maxLength={200}
        placeholder={placeholder}
        class={ui.input}
      />
    </div>
  );
}

/** The orders every package list offers; "updated" comes first and is the default. */
export function SortSelect({ value }: { value: string | undefined }) {
  return (
    <FilterSelect
      label="Sort by"
      name="sort"
      value={value ?? "updated"}
      choices={[
        { value: "updated", label: "Recently updated" },
        { value: "published", label: "Recently published" },
        { value: "name", label: "Name" },
        { value: "created", label: "Newest" },
      ]}
    />
  );
}

/** "Next page" (and "First page" once past it) links that keep the filters in the URL. */
export function Pager(
  { url, nextCursor }: { url: URL; nextCursor: string | null },
) {
  const onLaterPage = url.searchParams.has("cursor");
  if (!nextCursor && !onLaterPage) return null;
  const first = new URL(url);
  first.searchParams.delete("cursor");
  const next = new URL(url);
  if (nextCursor) next.searchParams.set("cursor", nextCursor);
  return (
    <nav aria-label="Pagination" class="flex items-center justify-between gap-3 pt-2">
      {onLaterPage
        ? <a href={first.pathname + first.search} class={ui.buttonSecondary}>First page</a>
        : <span />}
      {nextCursor && (
        <a href={next.pathname + next.search} rel="next" class={ui.buttonSecondary}>
          Next page
        </a>
      )}
    </nav>
  );
}
