// The fields the account forms share (sign-up, sign-in, reset, forgot, resend, settings), so
// each says the same thing, with the same autocomplete hints, on every page.
import { HANDLE_RULES } from "@/lib/auth/handles.ts";
import { PASSWORD_LENGTH_RULE } from "@/lib/auth/password.ts";
import { Field } from "./forms.tsx";

interface Common {
  error?: string;
  autofocus?: boolean;
}

/** The account's email address. */
export function EmailField(props: Common & { value: string }) {
  return (
    <Field
      label="Email"
      name="email"
      type="email"
      autocomplete="email"
      required
      {...props}
    />
  );
}

/** A new handle, with the rules it must follow. */
export function HandleField(props: Common & { value: string }) {
  return (
    <Field
      label="Handle"
      name="handle"
      autocomplete="username"
      required
      {...props}
      hint={
        <>
          Your public namespace, as in <code>/@handle/package</code>: {HANDLE_RULES}.
        </>
      }
    />
  );
}

/**
 * A password field: `new` (with the length rule; the form's `password` field), or the one the
 * account has now (`current`: `password` on sign-in, `current_password` when changing it).
 */
export function PasswordField(
  props: Common & { kind: "new" | "current"; label?: string; name?: string },
) {
  const fresh = props.kind === "new";
  return (
    <Field
      label={props.label ?? "Password"}
      name={props.name ?? "password"}
      type="password"
      autocomplete={fresh ? "new-password" : "current-password"}
      required
      error={props.error}
      autofocus={props.autofocus}
      hint={fresh ? `${PASSWORD_LENGTH_RULE} A few unrelated words make a strong one.` : undefined}
    />
  );
}

/**
 * The choice a password reset or change offers: sessions always end, but API tokens (CI jobs,
 * runtimes streaming logs) keep working unless this is ticked. Absent when none would be.
 */
export function RevokeTokensChoice(props: { count: number; checked: boolean }) {
  if (props.count === 0) return null;
  const tokens = props.count === 1 ? "the 1 API token" : `the ${props.count} API tokens`;
  return (
    <div class="flex items-start gap-3 text-sm">
      <input
        id="field-revoke_tokens"
        type="checkbox"
        name="revoke_tokens"
        value="1"
        checked={props.checked}
        aria-describedby="field-revoke_tokens-hint"
        class="mt-0.5 h-4 w-4 rounded border-slate-300 text-indigo-600 focus:ring-indigo-600"
      />
      <div class="space-y-1">
        <label for="field-revoke_tokens" class="font-medium text-slate-900">
          Also revoke {tokens} of this account
        </label>
        <p id="field-revoke_tokens-hint" class="text-xs text-slate-500">
          Unticked, CI jobs and runtimes that use {props.count === 1 ? "it" : "them"}{" "}
          keep working. Tick it if a token may have leaked.
        </p>
      </div>
    </div>
  );
}
