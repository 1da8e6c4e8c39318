// A page of ids read in widening id windows. ClickHouse 18.16 cannot stop an ORDER BY id
// LIMIT early (reading in key order came in 19.14): it reads every matching id of the context
// and keeps the top ones. So the page is first looked for among the newest (or, going up, the
// next) WINDOWS[0] ids, a range of the primary key (context_id, id), then in wider ranges;
// the newest lines or a common filter are found in the first, and a rare one costs a few
// short range reads more than one whole read.
import { type ClickHouseClient, num } from "./client.ts";
import { TABLE } from "./schema.ts";

export const WINDOWS = [20_000, 400_000];

export async function windowedIds(
  client: ClickHouseClient,
  where: (above: number | null, below: number | null) => string,
  options: {
    desc: boolean;
    above: number | null;
    below: number | null;
    /** How many ids at most (a page and one more). */
    want: number;
    /** The id after the newest there is, when reading down from the top with no cursor. */
    top: () => Promise<number>;
    /** The window widths (tests use small ones). */
    windows?: number[];
  },
): Promise<number[]> {
  const { desc, want } = options;
  let { above, below } = options;
  const out: number[] = [];
  const read = async (lo: number | null, hi: number | null, n: number) => {
    const rows = await client.rows<{ id: string }>(
      `SELECT id FROM ${TABLE} WHERE ${where(lo, hi)} ORDER BY id ${desc ? "DESC" : "ASC"}
      LIMIT ${num(n)}`,
    );
    out.push(...rows.map((r) => Number(r.id)));
  };
  if (desc && below === null) below = await options.top();
  for (const width of options.windows ?? WINDOWS) {
    if (desc ? below === null : above === null) break;
    if (desc) {
      const lo = Math.max(above ?? 0, below! - width);
      await read(lo, below, want - out.length);
      below = lo + 1;
      if (out.length >= want || (above !== null && lo <= above) || lo <= 0) return out;
    } else {
      const hi = below === null ? above! + width : Math.min(below - 1, above! + width);
      await read(above, hi + 1, want - out.length);
      above = hi;
      if (out.length >= want || (below !== null && hi + 1 >= below)) return out;
    }
  }
  await read(above, below, want - out.length);
  return out;
}
