// The query of a package list (the owner's API and page, /@handle, /explore), parsed once.
// Cursors are base64url of the JSON [sort, key, id] of a page's last row. A cursor only
// positions a query already scoped to the caller, but its key goes into SQL and into Date:
// anything but the exact shape this code writes is refused, never half-read.
import { decodeBase64urlIgnorePadding, encodeBase64urlNoPadding } from "@oslojs/encoding";
import { z } from "zod";
import { invalid } from "../errors.ts";
import { PACKAGE_SORTS, PACKAGE_STATUSES, type PackageSort, VISIBILITIES } from "./packages.ts";

/** The order of a list whose query names none. */
export const DEFAULT_PACKAGE_SORT: PackageSort = "updated";

/** How many packages a page of a list shows: the pages', and the API's default and maximum. */
export const PAGE_SIZE = { page: 20, api: 50, apiMax: 100 } as const;

const oneOf = (values: readonly string[]) =>
  `must be ${values.slice(0, -1).join(", ")} or ${values[values.length - 1]}`;

const NOT_A_CURSOR = "is not a cursor this list gave out for this sort";

/** Search, sort and cursor: what every package list takes. */
export const PackageListQuery = z.object({
  q: z.string().max(200, "must be at most 200 characters").optional(),
  sort: z.enum(PACKAGE_SORTS, oneOf(PACKAGE_SORTS)).optional(),
  cursor: z.string().max(500, NOT_A_CURSOR).optional(),
});

/** A package list's query, as parsed. */
export type PackageListQueryValues = z.infer<typeof PackageListQuery>;

/** The owner's lists also filter by visibility and status, and name the owner (a handle). */
export const OwnPackageListQuery = PackageListQuery.extend({
  visibility: z.enum(VISIBILITIES, oneOf(VISIBILITIES)).optional(),
  status: z.enum(PACKAGE_STATUSES, oneOf(PACKAGE_STATUSES)).optional(),
  owner: z.string().max(64, "must be a handle of at most 64 characters").optional(),
});

/** Where a page ended, under the sort it was made for. */
export interface PackageCursor {
  sort: PackageSort;
  key: string | number;
  id: string;
}

// Times are epoch milliseconds within what Date can hold; names and ids are short text.
const Millis = z.number().int().min(0).max(8.64e15);
const Id = z.string().min(1).max(64);
const Shape = z.union([
  z.tuple([z.literal("name"), z.string().max(64), Id]),
  z.tuple([z.enum(["updated", "published", "created"]), Millis, Id]),
]);

/** The opaque text of a cursor. */
export function encodePackageCursor(cursor: PackageCursor): string {
  const json = JSON.stringify([cursor.sort, cursor.key, cursor.id]);
  return encodeBase64urlNoPadding(new TextEncoder().encode(json));
}

/** The cursor, when `text` is one this code made for `sort`; otherwise null. */
export function decodePackageCursor(text: string, sort: PackageSort): PackageCursor | null {
  let value: unknown;
  try {
    const bytes = decodeBase64urlIgnorePadding(text);
    value = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes));
  } catch {
    return null;
  }
  const parsed = Shape.safeParse(value);
  if (!parsed.success || parsed.data[0] !== sort) return null;
  const [, key, id] = parsed.data;
  return { sort, key, id };
}

/**
 * The `cursor` query parameter of a package list (API and pages alike), decoded for the list's
 * sort; absent is undefined, anything this code did not write is refused as invalid.
 */
export function cursorParam(
  query: { cursor?: string; sort?: PackageSort },
): PackageCursor | undefined {
  if (query.cursor === undefined) return undefined;
  const cursor = decodePackageCursor(query.cursor, query.sort ?? DEFAULT_PACKAGE_SORT);
  if (!cursor) {
    throw invalid("cursor", `query parameter cursor: ${NOT_A_CURSOR}`);
  }
  return cursor;
}
