import { Field, FormError } from "@/components/forms.tsx";
import { ui } from "@/components/styles.ts";
import type { FieldErrors } from "@/lib/http/errors.ts";
import type { ContextSummary } from "@/lib/contexts/contexts.ts";
import {
  labelText,
  MAX_HOST_CHARS,
  MAX_LABELS,
  MAX_NAME_CHARS,
  MAX_RUNTIME_CHARS,
} from "@/lib/contexts/details.ts";

export interface DetailsValues {
  name: string;
  labels: string;
  runtime_name: string;
  runtime_version: string;
  host: string;
}

/** The form's values for a context as it is. */
export function detailsOf(c: ContextSummary): DetailsValues {
  return {
    name: c.name ?? "",
    labels: labelText(c.labels),
    runtime_name: c.runtimeName ?? "",
    runtime_version: c.runtimeVersion ?? "",
    host: c.host ?? "",
  };
}

/** The form's values as submitted (a missing field is blank, which clears it). */
export function detailsSubmitted(f: Record<string, string>): DetailsValues {
  return {
    name: f.name ?? "",
    labels: f.labels ?? "",
    runtime_name: f.runtime_name ?? "",
    runtime_version: f.runtime_version ?? "",
    host: f.host ?? "",
  };
}

/**
 * Name, labels and runtime of a context: the form that PATCH /v1/contexts/{id} mirrors. The
 * page shows it when asked (`?edit=1`) or to show an error, so the viewer stays light.
 */
export function DetailsForm(
  props: { action: string; values: DetailsValues; errors: FieldErrors | null },
) {
  const { values } = props;
  const errors = props.errors ?? {};
  return (
    <section id="details" class={`${ui.card} p-5`} aria-labelledby="details-heading">
      <h2 id="details-heading" class={ui.h2}>Name, labels and runtime</h2>
      <form method="post" action={props.action} class="mt-4 space-y-4">
        <FormError message={errors.form} />
        <div class="grid gap-4 sm:grid-cols-2">
          <Field
            label="Name"
            name="name"
            value={values.name}
            error={errors.name}
            maxLength={MAX_NAME_CHARS}
            placeholder="checkout-eu"
            hint="Optional; shown instead of the id. Leave blank for none."
          />
          <Field
            label="Labels"
            name="labels"
            value={values.labels}
            error={errors.labels}
            placeholder="env=prod, team=core"
            hint={`Up to ${MAX_LABELS} key=value pairs, separated by commas.`}
          />
          <Field
            label="Runtime"
            name="runtime_name"
            value={values.runtime_name}
            error={errors.runtime_name}
            maxLength={MAX_RUNTIME_CHARS}
            placeholder="inactu-runtime"
          />
          <Field
            label="Runtime version"
            name="runtime_version"
            value={values.runtime_version}
            error={errors.runtime_version}
            maxLength={MAX_RUNTIME_CHARS}
            placeholder="0.9.2"
          />
          <Field
            label="Host"
            name="host"
            value={values.host}
            error={errors.host}
            maxLength={MAX_HOST_CHARS}
            placeholder="web-1.eu-west"
          />
        </div>
        <div class="flex gap-2">
          <button type="submit" class={ui.buttonPrimary}>Save details</button>
          <a href={props.action} class={ui.buttonSecondary}>Cancel</a>
        </div>
      </form>
    </section>
  );
}
