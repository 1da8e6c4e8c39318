import type { ComponentChildren } from "preact";
import type { StoredReceipt } from "@/lib/receipts/store.ts";
import {
  flagCapabilities,
  manifestCapabilities,
  type UsedCapability,
} from "@/lib/receipts/flags.ts";
import type { Policy } from "@/lib/verifier/policy.ts";
import { exactTime } from "@/components/time.tsx";
import { ui } from "@/components/styles.ts";

/** The context's runs, newest first: what ran, when, and what it used beyond what it may. */
export function RunList(
  { receipts, policy }: { receipts: StoredReceipt[]; policy: Policy | null },
) {
  return (
    <ol class={`${ui.card} divide-y divide-slate-200`} aria-label="Runs">
      {receipts.map((r) => (
        <Run
          key={r.id}
          receipt={r}
          caps={flagCapabilities(r.capsUsed, manifestCapabilities(r.manifest), policy)}
        />
      ))}
    </ol>
  );
}

function Run({ receipt: r, caps }: { receipt: StoredReceipt; caps: UsedCapability[] }) {
  const undeclared = caps.filter((c) => c.undeclared);
  const denied = caps.filter((c) => c.denied);
  const ran = new Date(r.ranAt * 1000);
  return (
    <li id={`run-${r.id}`} class="space-y-2 p-4" data-run={r.receiptHash}>
      <div class="flex flex-wrap items-baseline justify-between gap-x-4 gap-y-1">
        <div class="min-w-0 text-sm">
          {r.packageName
            ? (
              <a
                href={`/packages/${encodeURIComponent(r.packageName)}`}
                class={`${ui.link} font-mono`}
              >
                {r.packageName}@{r.packageVersion}
              </a>
            )
            : (
              <span class="text-slate-700">
                Unknown skill{" "}
                <span class="break-all font-mono text-xs text-slate-500">
                  {r.artifact.slice(0, 19)}…
                </span>
              </span>
            )}
        </div>
        <p class="text-xs text-slate-600" title={`received ${exactTime(r.receivedAt)}`}>
          {Number.isNaN(ran.getTime()) ? `at ${r.ranAt} s` : exactTime(ran)}
        </p>
      </div>
      {undeclared.length > 0 && (
        <Flag tone="red">
          Used {undeclared.length === 1 ? "a capability" : "capabilities"}{" "}
          its manifest does not declare: <CapNames caps={undeclared} />
        </Flag>
      )}
      {denied.length > 0 && (
        <Flag tone="amber">
          Used {denied.length === 1 ? "a capability" : "capabilities"}{" "}
          this context's policy does not allow: <CapNames caps={denied} />
        </Flag>
      )}
      {caps.length === 0
        ? <p class={`text-xs ${ui.absent}`}>Used no capabilities</p>
        : (
          <ul class="flex flex-wrap gap-1.5" aria-label="Capabilities used">
            {caps.map((c, i) => <Cap key={i} cap={c} />)}
          </ul>
        )}
      <p class="break-all font-mono text-xs text-slate-500">
        receipt {r.receiptHash.slice(0, 19)}… · {r.schemaVersion === "0" ? "v0" : "v1 draft"}
      </p>
    </li>
  );
}

function CapNames({ caps }: { caps: UsedCapability[] }) {
  return <span class="break-words font-mono">{caps.map((c) => c.text).join(", ")}</span>;
}

function Flag({ tone, children }: { tone: "red" | "amber"; children: ComponentChildren }) {
  const tones = {
    red: "bg-red-50 text-red-800 ring-red-200",
    amber: "bg-amber-50 text-amber-900 ring-amber-200",
  };
  return (
    <p class={`rounded-md px-3 py-2 text-sm ring-1 ring-inset ${tones[tone]}`} data-flag={tone}>
      <strong class="font-semibold">{tone === "red" ? "Undeclared" : "Outside policy"}:</strong>
      {" "}
      {children}
    </p>
  );
}

function Cap({ cap }: { cap: UsedCapability }) {
  const flagged = cap.undeclared || cap.denied;
  const notes = [cap.undeclared && "not declared", cap.denied && "not allowed"].filter(Boolean);
  return (
    <li
      class={`inline-flex max-w-full flex-wrap items-center gap-x-1 rounded px-2 py-0.5 font-mono text-xs ring-1 ring-inset ${
        flagged
          ? "bg-red-50 text-red-800 ring-red-200"
          : "bg-slate-50 text-slate-700 ring-slate-200"
      }`}
    >
      <span class="min-w-0 break-words">{cap.text}</span>
      {notes.length > 0 && <span class="font-sans font-semibold">({notes.join(", ")})</span>}
    </li>
  );
}
