import type { ComponentChildren } from "preact";
import { Field } from "@/components/forms.tsx";
import { ui } from "@/components/styles.ts";
import { Readme } from "./Readme.tsx";

/** The metadata form's fields as typed (kept when the form comes back with errors). */
export interface MetadataValues {
  description: string;
  tags: string;
  readme: string;
  homepage: string;
  repository: string;
}

/** The package's two links: label, field and an example address. */
const LINKS = [
  ["Homepage", "homepage", "https://example.com/skill"],
  ["Repository", "repository", "https://github.com/you/skill"],
] as const;

/** Description, tags, readme, homepage and repository; each error beside its field. */
export function MetadataForm(
  props: {
    values: MetadataValues;
    errors: Record<string, string>;
    disabled: boolean;
    maxTags: number;
    /** The readme as typed, rendered, after "Preview readme" (nothing is saved then). */
    preview: string | null;
  },
) {
  const { values, errors } = props;
  return (
    <section class={`${ui.card} p-5 sm:p-6`} aria-labelledby="details">
      <h2 id="details" class={ui.h2}>Details</h2>
      <p class="mt-1 text-sm text-slate-600">
        Shown on the package page, and on the public page when the package is public.
      </p>
      <form method="post" class="mt-5 space-y-5" novalidate>
        <input type="hidden" name="action" value="metadata" />
        <FormError message={errors.form} />
        <fieldset disabled={props.disabled} class="space-y-5">
          <TextArea
            label="Description"
            name="description"
            rows={3}
            maxLength={2048}
            value={values.description}
            error={errors.description}
            hint="One or two sentences on what the skill does."
          />
          <Field
            label="Tags"
            name="tags"
            value={values.tags}
            error={errors.tags}
            placeholder="files, io"
            hint={`Comma-separated, up to ${props.maxTags}: lowercase letters, digits and hyphens.`}
          />
          <div class="grid gap-5 sm:grid-cols-2">
            {LINKS.map(([label, name, placeholder]) => (
              <Field
                key={name}
                label={label}
                name={name}
                type="url"
                value={values[name]}
                error={errors[name]}
                placeholder={placeholder}
                hint="An https:// address."
              />
            ))}
          </div>
          <TextArea
            label="Readme"
            name="readme"
            rows={14}
            value={values.readme}
            error={errors.readme}
            mono
            hint="Markdown, up to 64 KiB: task lists, tables and code blocks are kept; images become links to them; unsafe HTML is removed."
          />
          {props.preview !== null && <ReadmePreview html={props.preview} />}
          <div class="flex flex-wrap gap-3">
            <button type="submit" class={ui.buttonPrimary}>Save details</button>
            <button type="submit" name="preview" value="1" class={ui.buttonSecondary}>
              Preview readme
            </button>
          </div>
        </fieldset>
      </form>
    </section>
  );
}

/** The readme as the package page will show it, marked as not saved. */
function ReadmePreview({ html }: { html: string }) {
  return (
    <section
      aria-labelledby="readme-preview"
      class="space-y-3 rounded-lg p-4 ring-2 ring-inset ring-indigo-200"
    >
      <h3 id="readme-preview" class="text-sm font-semibold text-slate-900">
        Preview <span class="font-normal text-slate-500">(not saved yet)</span>
      </h3>
      <Readme html={html || null} empty="The readme is empty." />
    </section>
  );
}

function FormError({ message }: { message?: string }) {
  if (!message) return null;
  return <p role="alert" class="text-sm text-red-700">{message}</p>;
}

function TextArea(props: {
  label: string;
  name: string;
  rows: number;
  value: string;
  error?: string;
  hint?: string;
  maxLength?: number;
  mono?: boolean;
}) {
  const id = `field-${props.name}`;
  const base = props.error ? ui.inputInvalid : ui.input;
  return (
    <div class="space-y-1.5">
      <label for={id} class={ui.label}>{props.label}</label>
      <textarea
        id={id}
        name={props.name}
        rows={props.rows}
        maxLength={props.maxLength}
        aria-invalid={props.error ? "true" : undefined}
        aria-describedby={props.error ? `${id}-error` : props.hint ? `${id}-hint` : undefined}
        class={`${base} ${props.mono ? "font-mono text-xs" : ""}`}
      >
        {props.value}
      </textarea>
      {props.hint && !props.error && (
        <p id={`${id}-hint`} class="text-xs text-slate-500">{props.hint}</p>
      )}
      {props.error && (
        <p id={`${id}-error`} class="text-sm text-red-700" role="alert">{props.error}</p>
      )}
    </div>
  );
}

/** One lifecycle setting: what it does, in a sentence, and the button that does it. */
export function ActionCard(
  props: {
    id: string;
    title: string;
    body: string;
    children: ComponentChildren;
  },
) {
  return (
    <section
      id={props.id}
      class={`${ui.card} p-5 sm:p-6 flex flex-col gap-4 sm:flex-row sm:items-start sm:justify-between`}
      aria-labelledby={`${props.id}-title`}
    >
      <div class="min-w-0 space-y-1 sm:max-w-xl">
        <h2 id={`${props.id}-title`} class={ui.h2}>{props.title}</h2>
        <p class="text-sm text-slate-600 break-words">{props.body}</p>
      </div>
      <div class="flex-none sm:w-72">{props.children}</div>
    </section>
  );
}
