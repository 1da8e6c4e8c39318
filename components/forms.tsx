import type { ComponentChildren } from "preact";
import { ui } from "./styles.ts";
import { EmailField } from "./AccountFields.tsx";

/** A labelled input with its hint and, when invalid, the reason next to it. */
export function Field(props: {
  label: string;
  name: string;
  type?: string;
  value?: string;
  error?: string;
  hint?: ComponentChildren;
  autocomplete?: string;
  required?: boolean;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  placeholder?: string;
  autofocus?: boolean;
}) {
  const id = `field-${props.name}`;
  // The error replaces the hint, so the input is described by whichever is shown.
  const described = props.error ? `${id}-error` : props.hint ? `${id}-hint` : undefined;
  return (
    <div class="space-y-1.5">
      <label for={id} class={ui.label}>{props.label}</label>
      <input
        id={id}
        name={props.name}
        type={props.type ?? "text"}
        value={props.value}
        autocomplete={props.autocomplete}
        required={props.required}
        minLength={props.minLength}
        maxLength={props.maxLength}
        pattern={props.pattern}
        placeholder={props.placeholder}
        autofocus={props.autofocus}
        aria-invalid={props.error ? "true" : undefined}
        aria-describedby={described}
        class={props.error ? ui.inputInvalid : ui.input}
      />
      {props.hint && !props.error && (
        <p id={`${id}-hint`} class="text-xs text-slate-500">{props.hint}</p>
      )}
      {props.error && (
        <p id={`${id}-error`} class="text-sm text-red-700" role="alert">{props.error}</p>
      )}
    </div>
  );
}

/**
 * The field a form focuses when it is shown: after a refusal, the first of `order` (the
 * fields as the form lays them out) that has an error, so a keyboard or screen-reader user
 * lands on what to fix; otherwise `fallback`.
 */
export function focusTarget(
  errors: Partial<Record<string, string>>,
  order: readonly string[],
  fallback?: string,
): string | undefined {
  return order.find((name) => errors[name]) ?? fallback;
}

/** An error that belongs to the whole form. */
export function FormError({ message }: { message?: string }) {
  if (!message) return null;
  return (
    <div
      role="alert"
      class="rounded-md bg-red-50 px-4 py-3 text-sm text-red-800 ring-1 ring-inset ring-red-200"
    >
      {message}
    </div>
  );
}

/** A neutral or positive notice at the top of a page. */
export function Notice(
  { tone = "info", children }: {
    tone?: "info" | "success" | "warning";
    children: ComponentChildren;
  },
) {
  const tones = {
    info: "bg-sky-50 text-sky-900 ring-sky-200",
    success: "bg-emerald-50 text-emerald-900 ring-emerald-200",
    warning: "bg-amber-50 text-amber-900 ring-amber-200",
  };
  return (
    <div role="status" class={`rounded-md px-4 py-3 text-sm ring-1 ring-inset ${tones[tone]}`}>
      {children}
    </div>
  );
}

/** The centered card the sign-in, sign-up and reset pages sit in. */
export function AuthCard(
  props: {
    title: string;
    subtitle?: ComponentChildren;
    children: ComponentChildren;
    footer?: ComponentChildren;
  },
) {
  return (
    <div class="mx-auto w-full max-w-md py-6 sm:py-10">
      <div class={`${ui.card} px-6 py-8 sm:px-8 space-y-6`}>
        <div class="space-y-1.5">
          <h1 class={ui.h1}>{props.title}</h1>
          {props.subtitle && <p class="text-sm text-slate-600">{props.subtitle}</p>}
        </div>
        {props.children}
      </div>
      {props.footer && (
        <div class="mt-6 text-center text-sm text-slate-600 space-y-2">{props.footer}</div>
      )}
    </div>
  );
}

/**
 * The "enter your address, then check your inbox" card of the forgot-password and
 * resend-verification pages: the form until it is sent, then what happens next.
 */
export function EmailRequestCard(props: {
  title: string;
  subtitle: string;
  button: string;
  email: string;
  error?: string;
  /** A refusal that belongs to no field, such as a rate limit. */
  formError?: string;
  sent: ComponentChildren | null;
}) {
  const footer = <a href="/login" class={ui.link}>Back to sign in</a>;
  if (props.sent) {
    return (
      <AuthCard title="Check your email" footer={footer}>
        <p class="text-sm text-slate-700 leading-relaxed">{props.sent}</p>
      </AuthCard>
    );
  }
  return (
    <AuthCard title={props.title} subtitle={props.subtitle} footer={footer}>
      <form method="post" class="space-y-5" novalidate>
        <FormError message={props.formError} />
        <EmailField value={props.email} error={props.error} autofocus />
        <button type="submit" class={`${ui.buttonPrimary} w-full`}>{props.button}</button>
      </form>
    </AuthCard>
  );
}
