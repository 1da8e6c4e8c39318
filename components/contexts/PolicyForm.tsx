import { ui } from "@/components/styles.ts";

const PLACEHOLDER = [
  "version: 1",
  "trusted_signers: [alice.dev]",
  "capability_ceiling:",
  "  fs:",
  "    read: [/data]",
].join("\n");

/** The context's capability policy as a YAML (or JSON) document, with save and remove. */
export function PolicyForm(
  { action, text, hasPolicy, error }: {
    action: string;
    text: string;
    hasPolicy: boolean;
    error: string | null;
  },
) {
  const described = error ? "policy-error" : "policy-hint";
  return (
    <form method="post" action={action} class={`${ui.card} space-y-3 p-4`}>
      <p class="text-sm text-slate-700">
        {hasPolicy
          ? "Runs that used a capability outside this policy's ceiling are flagged."
          : "This context has no policy: runs are checked against their manifests only."}
      </p>
      <label for="field-policy" class={ui.label}>Policy document</label>
      <textarea
        id="field-policy"
        name="policy"
        rows={8}
        spellcheck={false}
        aria-invalid={error ? "true" : undefined}
        aria-describedby={described}
        class={`${error ? ui.inputInvalid : ui.input} font-mono text-xs`}
        placeholder={PLACEHOLDER}
      >
        {text}
      </textarea>
      {error
        ? <p id="policy-error" class="text-sm text-red-700" role="alert">{error}</p>
        : (
          <p id="policy-hint" class="text-xs text-slate-500">
            YAML or JSON in the policy format of the verifier (<code>version</code>,{" "}
            <code>trusted_signers</code>,{" "}
            <code>capability_ceiling</code>); saved empty, it removes the policy.
          </p>
        )}
      <div class="flex flex-wrap gap-2">
        <button type="submit" name="action" value="save" class={ui.buttonPrimary}>
          Save policy
        </button>
        {hasPolicy && (
          <button type="submit" name="action" value="remove" class={ui.buttonSecondary}>
            Remove policy
          </button>
        )}
      </div>
    </form>
  );
}
