import { z } from "zod";

/**
 * The query of /@handle and /explore: text search, sort and cursor, validated once. The owner's
 * list takes the same three, and its filters.
 */
export const PublicListQuery = z.object({
  q: z.string().max(200, "must be at most 200 characters").optional(),
  sort: z.enum(
    ["updated", "published", "name", "created"],
    "must be updated, published, name or created",
  ).optional(),
  cursor: z.string().max(500, "must be at most 500 characters").optional(),
});

/** The query a public list takes, as parsed. */
export type PublicQuery = z.infer<typeof PublicListQuery>;

/** How many packages a public list shows per page. */
export const PUBLIC_PAGE_SIZE = 20;
