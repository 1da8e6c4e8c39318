// A form's POST runs a command and, on a refusal a form can show, re-renders with the message.
import { formFailure } from "./errors.ts";

export type Failure = NonNullable<ReturnType<typeof formFailure>>;

/** The command's result, or the refusal to show on the form (anything else is rethrown). */
export async function attempt<T>(
  run: () => Promise<T>,
): Promise<{ ok: true; value: T } | { ok: false; failure: Failure }> {
  try {
    return { ok: true, value: await run() };
  } catch (error) {
    const failure = formFailure(error);
    if (!failure) throw error;
    return { ok: false, failure };
  }
}
