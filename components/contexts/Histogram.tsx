// Lines per time bucket, stacked by severity, as server-rendered SVG: every bar with lines
// is a link that narrows the viewer to its bucket. Colours are SVG attributes (the CSP
// allows no inline styles); times are UTC.
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
  return (
    <figure class="space-y-2">
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
        class="block h-20 w-full overflow-visible rounded bg-slate-50"
        role="img"
        aria-label={`${data.total.toLocaleString("en-US")} lines, ${props.caption}`}
      >
        {data.buckets.map((bucket, i) => {
          const total = bucket.counts.reduce((a, c) => a + c, 0);
          if (total === 0) return null;
          let y = HEIGHT;
          const rects = STACK.map((level) => {
            const n = bucket.counts[level]!;
            if (n === 0) return null;
            const h = Math.max((n / data.max) * (HEIGHT - 2), 0.75);
            y -= h;
            return (
              <rect x={i * BAR + 1} y={y} width={BAR - 2} height={h} fill={SEVERITY_FILL[level]} />
            );
          });
          const label = `${span(bucket.start, bucket.end)}: ${total.toLocaleString("en-US")} lines${
            bucket.counts[3] ? `, ${bucket.counts[3]} error` : ""
          }${bucket.counts[2] ? `, ${bucket.counts[2]} warn` : ""}`;
          return (
            <a
              href={props.hrefFor(bucket.start, bucket.end)}
              aria-label={`${label}. Show these lines`}
              class="group"
            >
              <title>{label}</title>
              <rect
                x={i * BAR}
                y={0}
                width={BAR}
                height={HEIGHT}
                fill="#e2e8f0"
                class="opacity-0 group-hover:opacity-100 group-focus:opacity-100"
              />
              {rects}
            </a>
          );
        })}
      </svg>
      <div class="flex justify-between font-mono text-[11px] text-slate-500">
        <span>{stamp(data.from)}</span>
        <span class="hidden sm:inline">
          {stamp(new Date((data.from.getTime() + data.to.getTime()) / 2))}
        </span>
        <span>{stamp(data.to)}</span>
      </div>
    </figure>
  );
}

function stamp(d: Date): string {
  return d.toISOString().slice(0, 16).replace("T", " ");
}

function span(from: Date, to: Date): string {
  const a = stamp(from);
  const b = stamp(to);
  return `${a}–${a.slice(0, 10) === b.slice(0, 10) ? b.slice(11) : b} UTC`;
}
