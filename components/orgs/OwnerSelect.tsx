import { ui } from "../styles.ts";

/**
 * The owner a new API token acts for (docs/adr/0010): the user's own handle (first) or one of
 * their organizations. The token can reach nothing of any other owner.
 */
export function OwnerSelect(
  { owners, value, error, autofocus }: {
    owners: string[];
    value: string;
    error?: string;
    autofocus?: boolean;
  },
) {
  const id = "field-owner";
  return (
    <div class="max-w-xs space-y-1.5">
      <label for={id} class={ui.label}>Acts for</label>
      <select
        id={id}
        name="owner"
        class={ui.input}
        autofocus={autofocus}
        aria-invalid={error ? "true" : undefined}
        aria-describedby={error ? `${id}-error` : `${id}-hint`}
      >
        {owners.map((handle, i) => (
          <option value={handle} selected={value === handle}>
            @{handle}
            {i === 0 ? " (you)" : ""}
          </option>
        ))}
      </select>
      {error
        ? <p id={`${id}-error`} class="text-sm text-red-700" role="alert">{error}</p>
        : (
          <p id={`${id}-hint`} class="text-xs text-slate-500">
            The token reaches only this owner's packages and contexts, and never more than your role
            there allows.
          </p>
        )}
    </div>
  );
}
