// Lines per time bucket, stacked by severity, as server-rendered SVG. The picture is for the
// eye and the mouse (every bar with lines links to its bucket, out of the tab order, and the
// picture is hidden from assistive technology: no focusable content inside an image); the
// same counts and links are a table under it, collapsed, which is how keyboards and screen
// readers reach them without tabbing through every bar first. Colours are SVG attributes
// (the CSP allows no inline styles).
import type { Histogram as Data } from "@/lib/logs/histogram.ts";
import { SEVERITIES } from "@/lib/logs/severity.ts";
import { SEVERITY_FILL, SEVERITY_SWATCH } from "./badges.tsx";

const BAR = 10;
const HEIGHT = 60;
// Drawn from the baseline up: errors first, so they are never hidden under the rest.
const STACK = [3, 2, 1, 0];

export function Histogram(
  props: { data: Data; hrefFor: (from: Date, to: Date) => string; caption: string },
) {
  const { data } = props;
  const width = data.buckets.length * BAR;
  const totals = [0, 0, 0, 0];
  for (const b of data.buckets) b.counts.forEach((n, i) => totals[i]! += n);
  const oneDay = stamp(data.from).slice(0, 10) === stamp(data.to).slice(0, 10);
  const busy = data.buckets.filter((b) => b.counts.some((n) => n > 0));
  // One path per severity (a few bytes a bar), stacked from the baseline up.
  const paths = ["", "", "", ""];
  data.buckets.forEach((bucket, i) => {
    let y = HEIGHT;
    for (const level of STACK) {
      const n = bucket.counts[level]!;
      if (n === 0) continue;
      const h = Math.round(Math.max((n / data.max) * (HEIGHT - 2), 0.75) * 10) / 10;
      y -= h;
      paths[level] += `M${i * BAR + 1} ${Math.round(y * 10) / 10}h${BAR - 2}v${h}h-${BAR - 2}z`;
    }
  });
  return (
    <figure class="hist space-y-2">
      <div class="flex flex-wrap items-baseline justify-between gap-x-4 gap-y-1 text-xs text-slate-500">
        <figcaption>{props.caption}</figcaption>
        <ul class="flex flex-wrap gap-x-3" aria-label="Lines by severity">
          {SEVERITIES.map((name, i) => (
            <li class="inline-flex items-center gap-1">
              <span
                class={`inline-block h-2.5 w-2.5 rounded-sm ${SEVERITY_SWATCH[i]}`}
                aria-hidden="true"
              />
              {name} {totals[i]!.toLocaleString("en-US")}
            </li>
          ))}
        </ul>
      </div>
      <svg
        viewBox={`0 0 ${width} ${HEIGHT}`}
        preserveAspectRatio="none"
        class="block h-20 w-full rounded bg-slate-50"
        aria-hidden="true"
        focusable="false"
      >
        {STACK.map((level) => <path key={level} d={paths[level]} fill={SEVERITY_FILL[level]} />)}
        {data.buckets.map((bucket, i) =>
          bucket.counts.some((n) => n > 0) && (
            <a href={props.hrefFor(bucket.start, bucket.end)} tabindex={-1}>
              <rect x={i * BAR} width={BAR} height={HEIGHT} />
            </a>
          )
        )}
      </svg>
      <div class="flex justify-between font-mono text-[11px] text-slate-500">
        <Stamp date={data.from} />
        <span class="hidden sm:inline">
          <Stamp date={new Date((data.from.getTime() + data.to.getTime()) / 2)} />
        </span>
        <Stamp date={data.to} />
      </div>
      <details class="text-xs text-slate-600">
        <summary class="cursor-pointer select-none font-medium text-indigo-700">
          The bars as a table
        </summary>
        <table class="mt-2 border-separate border-spacing-x-3 font-mono">
          <thead>
            <tr class="text-left">
              <th class="font-medium">
                From ({oneDay ? `UTC, ${stamp(data.from).slice(0, 10)}` : "UTC"})
              </th>
              <th class="font-medium">Lines</th>
              <th class="font-medium">Warn</th>
              <th class="font-medium">Error</th>
            </tr>
          </thead>
          <tbody>
            {busy.map((b) => (
              <tr>
                <td>
                  <a href={props.hrefFor(b.start, b.end)}>
                    {oneDay ? stamp(b.start).slice(11) : stamp(b.start)}
                  </a>
                </td>
                <td>{b.counts.reduce((a, c) => a + c, 0)}</td>
                <td>{b.counts[2]}</td>
                <td>{b.counts[3]}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}

/** An axis time: UTC on the server, rewritten to local time when the reader asks. */
function Stamp({ date }: { date: Date }) {
  return <time dateTime={date.toISOString()} data-minute>{stamp(date)}</time>;
}

function stamp(d: Date): string {
  return d.toISOString().slice(0, 16).replace("T", " ");
}
