import { CodeBlock } from "@/components/CodeBlock.tsx";
import { ui } from "@/components/styles.ts";

/** How a runtime reports in: the empty state of the contexts page. */
export function ReportIn({ origin }: { origin: string }) {
  const example = `# A token with contexts:write, from Settings → API tokens
export INACTU_TOKEN=inactu_...

# Register a context, then set CONTEXT_ID to the "id" it answers
curl -s ${origin}/v1/contexts \\
  -H "Authorization: Bearer $INACTU_TOKEN" \\
  -H "Content-Type: application/json" \\
  -d '{"status": "running", "region": "local-dev"}'

# Send log lines (one object, a JSON array, or NDJSON)
curl -s ${origin}/v1/contexts/$CONTEXT_ID/logs \\
  -H "Authorization: Bearer $INACTU_TOKEN" \\
  -H "Content-Type: application/json" \\
  -d '{"severity": "info", "message": "skill started"}'`;
  return (
    <section class={`${ui.card} space-y-4 p-6`} aria-labelledby="report-in">
      <div class="space-y-1">
        <h2 id="report-in" class={ui.h2}>No contexts yet</h2>
        <p class={ui.muted}>
          A context is one runtime instance running a skill. Runtimes register themselves and stream
          their logs here with an API token that has the <code class={ui.code}>contexts:write</code>
          {" "}
          scope.
        </p>
      </div>
      <ol class="list-decimal space-y-1 pl-5 text-sm text-slate-700">
        <li>
          <a href="/settings/tokens" class={ui.link}>Create an API token</a> with{" "}
          <code class={ui.code}>contexts:write</code>.
        </li>
        <li>Register a context and send lines, as below.</li>
        <li>It appears in this list; open it to read and tail its logs.</li>
      </ol>
      <CodeBlock code={example} label="From a shell" />
      <p class="text-sm text-slate-600">
        Or run the example runtime client:{" "}
        <code class={ui.code}>deno task simulate --url {origin} --token $INACTU_TOKEN</code>
      </p>
    </section>
  );
}
