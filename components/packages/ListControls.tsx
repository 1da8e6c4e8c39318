import type { PackageSort, PackageStatus, Visibility } from "@/lib/packages/packages.ts";
import { DEFAULT_PACKAGE_SORT } from "@/lib/packages/list_query.ts";
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

// Labels for the list vocabulary of lib/packages/packages.ts: a Record, so a new value
// without a label does not compile.
const SORT_LABELS: Record<PackageSort, string> = {
  updated: "Recently updated",
  published: "Recently published",
  name: "Name",
  created: "Newest",
};
const STATUS_LABELS: Record<PackageStatus, string> = {
  active: "Active",
  deprecated: "Deprecated",
  unlisted: "Unlisted",
  archived: "Archived",
};
const VISIBILITY_LABELS: Record<Visibility, string> = { private: "Private", public: "Public" };

function choicesOf(labels: Record<string, string>, any?: boolean) {
  const choices = Object.entries(labels).map(([value, label]) => ({ value, label }));
  return any ? [{ value: "", label: "Any" }, ...choices] : choices;
}

/** The orders every package list offers; "updated" comes first and is the default. */
export function SortSelect({ value }: { value: string | undefined }) {
  return (
    <FilterSelect
      label="Sort by"
      name="sort"
      value={value ?? DEFAULT_PACKAGE_SORT}
      choices={choicesOf(SORT_LABELS)}
    />
  );
}

/** An owner's filter (empty for any): the select, its current value kept. */
function ownerFilter(label: string, name: string, labels: Record<string, string>) {
  const choices = choicesOf(labels, true);
  return ({ value }: { value: string | undefined }) => (
    <FilterSelect label={label} name={name} value={value ?? ""} choices={choices} />
  );
}

/** The owner's filter by status. */
export const StatusSelect = ownerFilter("Status", "status", STATUS_LABELS);

/** The owner's filter by visibility. */
export const VisibilitySelect = ownerFilter("Visibility", "visibility", VISIBILITY_LABELS);

/** "Next page" (and "First page" once past it) links that keep the filters in the URL. */
export function Pager(
  { url, nextCursor }: { url: URL; nextCursor: string | null },
) {
  const onLaterPage = url.searchParams.has("cursor");
  if (!nextCursor && !onLaterPage) return null;
  return (
    <nav aria-label="Pagination" class="flex items-center justify-between gap-3 pt-2">
      {onLaterPage
        ? <a href={withCursor(url, null)} class={ui.buttonSecondary}>First page</a>
        : <span />}
      {nextCursor && (
        <a href={withCursor(url, nextCursor)} rel="next" class={ui.buttonSecondary}>
          Next page
        </a>
      )}
    </nav>
  );
}

/** The path and query of `url` with its cursor set, or without one (null). */
function withCursor(url: URL, cursor: string | null): string {
  const params = new URLSearchParams(url.search);
  if (cursor) params.set("cursor", cursor);
  else params.delete("cursor");
  const search = params.toString();
  return search ? `${url.pathname}?${search}` : url.pathname;
}
