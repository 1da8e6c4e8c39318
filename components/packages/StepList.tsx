import type { BundleErrorInfo } from "@/lib/packages/bundle/errors.ts";
import type { StepReport, StepStatus } from "@/lib/packages/bundle/verify.ts";

const MARKS: Record<StepStatus, { mark: string; label: string; tone: string }> = {
  passed: { mark: "✓", label: "Passed", tone: "bg-emerald-600 text-white" },
  failed: { mark: "✗", label: "Failed", tone: "bg-red-600 text-white" },
  skipped: { mark: "–", label: "Skipped", tone: "bg-slate-200 text-slate-600" },
  not_reached: {
    mark: "·",
    label: "Not reached",
    tone: "bg-white text-slate-500 ring-1 ring-slate-300",
  },
};

/** The nine verification steps, each with a tick, or the reason it failed and where. */
export function StepList({ steps, error }: { steps: StepReport[]; error: BundleErrorInfo | null }) {
  return (
    <ol class="space-y-3" aria-label="Verification steps">
      {steps.map((s) => {
        const m = MARKS[s.status];
        return (
          <li class="flex gap-3" data-step={s.step} data-status={s.status}>
            <span
              class={`mt-0.5 flex h-6 w-6 flex-none items-center justify-center rounded-full text-sm font-bold ${m.tone}`}
              aria-hidden="true"
            >
              {m.mark}
            </span>
            <div class="min-w-0 flex-1">
              <p
                class={`text-sm font-medium ${
                  s.status === "not_reached" ? "text-slate-500" : "text-slate-900"
                }`}
              >
                <span class="sr-only">{m.label}:</span> {s.step}. {s.name}
              </p>
              {s.status !== "not_reached" && s.status !== "failed" && s.detail && (
                <p class="text-xs text-slate-600 break-words">{s.detail}</p>
              )}
              {s.status === "failed" && <Failure detail={s.detail} error={error} />}
            </div>
          </li>
        );
      })}
    </ol>
  );
}

function Failure({ detail, error }: { detail: string; error: BundleErrorInfo | null }) {
  const rows: [string, string | null][] = error
    ? [["File", error.file], ["Field", error.field], ["Expected", error.expected], [
      "Found",
      error.found,
    ]]
    : [];
  const shown = rows.filter(([, v]) => v !== null && v !== "");
  return (
    <div class="mt-2 rounded-md bg-red-50 px-3 py-2 ring-1 ring-inset ring-red-200">
      <p class="text-sm text-red-900 break-words" role="alert">{detail}</p>
      {shown.length > 0 && (
        <dl class="mt-2 grid grid-cols-[5rem_1fr] gap-x-3 gap-y-1 text-xs">
          {shown.map(([k, v]) => (
            <>
              <dt class="text-red-800">{k}</dt>
              <dd class="min-w-0 break-all font-mono text-red-950">{v}</dd>
            </>
          ))}
        </dl>
      )}
    </div>
  );
}
