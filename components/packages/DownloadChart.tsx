import type { DownloadStats } from "@/lib/packages/downloads.ts";
import { ui } from "@/components/styles.ts";

const WIDTH = 300;
const HEIGHT = 60;

/**
 * Downloads per day as a small bar chart drawn on the server (no script), with the same facts
 * in words beside it, so the chart is never the only way to read them.
 */
export function DownloadChart({ stats }: { stats: DownloadStats }) {
  const recent = stats.days.reduce((n, d) => n + d.count, 0);
  const peak = stats.days.reduce((best, d) => d.count > best.count ? d : best, stats.days[0]!);
  const max = Math.max(1, peak.count);
  const step = WIDTH / stats.days.length;
  const first = stats.days[0]!.day;
  const last = stats.days.at(-1)!.day;
  const summary = `${count(recent)} in the last ${stats.days.length} days (${first} to ${last})` +
    (peak.count > 0 ? `, most on ${peak.day} (${count(peak.count)})` : "") +
    `; ${count(stats.total)} in total.`;
  return (
    <section class={`${ui.card} p-5 space-y-3`} aria-labelledby="downloads">
      <h2 id="downloads" class={ui.h2}>Downloads</h2>
      <svg
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        class="block h-16 w-full"
        role="img"
        aria-labelledby="downloads-summary"
        preserveAspectRatio="none"
      >
        {stats.days.map((d, i) => {
          const h = d.count === 0 ? 1 : Math.max(2, (d.count / max) * (HEIGHT - 2));
          return (
            <rect
              x={(i * step + 1).toFixed(1)}
              y={(HEIGHT - h).toFixed(1)}
              width={(step - 2).toFixed(1)}
              height={h.toFixed(1)}
              fill={d.count === 0 ? "#e2e8f0" : "#6366f1"}
            >
              <title>{`${d.day}: ${count(d.count)}`}</title>
            </rect>
          );
        })}
      </svg>
      <p id="downloads-summary" class="text-xs text-slate-600">{summary}</p>
    </section>
  );
}

function count(n: number): string {
  return `${n.toLocaleString("en-US")} ${n === 1 ? "download" : "downloads"}`;
}
