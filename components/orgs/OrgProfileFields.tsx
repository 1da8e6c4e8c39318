import type { FieldErrors } from "../../lib/http/errors.ts";
import { Field } from "../forms.tsx";

/**
 * An organization's profile fields, shared by the creation form and the settings form. Creating,
 * the optional fields say so and the website shows an example.
 */
export function OrgProfileFields(props: {
  values: { display_name: string; description: string; url: string };
  errors: FieldErrors;
  creating?: boolean;
}) {
  const { values, errors, creating } = props;
  const optional = creating ? " (optional)" : "";
  return (
    <>
      <Field
        label="Display name"
        name="display_name"
        value={values.display_name}
        error={errors.display_name}
        required
        maxLength={100}
      />
      <Field
        label={`Description${optional}`}
        name="description"
        value={values.description}
        error={errors.description}
        maxLength={300}
      />
      <Field
        label={`Website${optional}`}
        name="url"
        type="url"
        value={values.url}
        error={errors.url}
        placeholder={creating ? "https://example.com" : undefined}
      />
    </>
  );
}
