import type { ReferenceOperation } from "@/lib/openapi/reference.ts";
import { CodeBlock } from "@/components/CodeBlock.tsx";
import { ui } from "@/components/styles.ts";

const METHOD_COLOR: Record<string, string> = {
  GET: "bg-sky-100 text-sky-900",
  POST: "bg-emerald-100 text-emerald-900",
  PATCH: "bg-amber-100 text-amber-900",
  DELETE: "bg-red-100 text-red-900",
};

/** One operation of the API reference: what it does, who may call it, its inputs and answers. */
export function ApiOperation({ op }: { op: ReferenceOperation }) {
  return (
    <section id={op.id} class={`${ui.card} p-4 sm:p-5 space-y-3 min-w-0`}>
      <h2 class="flex flex-wrap items-baseline gap-2 min-w-0">
        <span
          class={`rounded px-2 py-0.5 text-xs font-bold ${METHOD_COLOR[op.method] ?? ""}`}
        >
          {op.method}
        </span>
        <a href={`#${op.id}`} class="font-mono text-sm text-slate-900 break-all">{op.path}</a>
      </h2>
      <p class="text-slate-800">{op.summary}</p>
      {op.description && <p class={ui.muted}>{op.description}</p>}
      <p class={ui.muted}>
        <span class="font-medium text-slate-700">Who:</span> {op.auth}
      </p>
      {op.parameters.length > 0 && (
        <div>
          <h3 class="text-sm font-medium text-slate-700">Parameters</h3>
          <ul class="mt-1 space-y-0.5 text-sm text-slate-700">
            {op.parameters.map((p) => (
              <li key={`${p.in}-${p.name}`} class="break-words">
                <code class={ui.code}>{p.name}</code> ({p.in}
                {p.required ? ", required" : ""}): {p.type}
              </li>
            ))}
          </ul>
        </div>
      )}
      {op.bodies.length > 0 && (
        <p class="text-sm text-slate-700 break-words">
          <span class="font-medium">Body:</span> {op.bodies.join(", ")}
        </p>
      )}
      <div>
        <h3 class="text-sm font-medium text-slate-700">Responses</h3>
        <ul class="mt-1 space-y-0.5 text-sm text-slate-700">
          {op.responses.map((r) => (
            <li key={r.status} class="break-words">
              <span class="font-mono font-semibold">
                {r.status === "default" ? "other" : r.status}
              </span>{" "}
              {r.description}
              {r.fields.length > 0 && <span class="text-slate-500">: {r.fields.join(", ")}</span>}
            </li>
          ))}
        </ul>
      </div>
      {op.example && (
        <CodeBlock
          code={JSON.stringify(JSON.parse(op.example), null, 2)}
          label="Example request body"
        />
      )}
      {op.responses.filter((r) => r.example).map((r) => (
        <CodeBlock
          key={`example-${r.status}`}
          code={r.example!}
          label={`Example ${r.status} answer`}
        />
      ))}
      <CodeBlock code={op.curl} label="curl" />
    </section>
  );
}
