import type { z } from "zod";
import { PackageListQuery } from "@/lib/packages/list_query.ts";

/** The query of /@handle and /explore: text search, sort and cursor, validated once. */
export const PublicListQuery = PackageListQuery;

/** The query a public list takes, as parsed. */
export type PublicQuery = z.infer<typeof PublicListQuery>;

/** How many packages a public list shows per page. */
export const PUBLIC_PAGE_SIZE = 20;
