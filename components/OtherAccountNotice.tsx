import type { ComponentChildren } from "preact";
import { AuthCard, Notice } from "./forms.tsx";
import { ui } from "./styles.ts";

/**
 * What a verification or reset link page shows when the browser is signed in as another
 * account than the link's: both addresses, the page's form that signs out and continues
 * (`children`), and the way to keep the current account. Nothing switches without the form.
 * It is the whole page's card.
 */
export function OtherAccountNotice(
  props: { signedInAs: string; linkFor: string; purpose: string; children: ComponentChildren },
) {
  return (
    <AuthCard title="You are signed in as another account">
      <Notice tone="warning">
        You are signed in as <strong>{props.signedInAs}</strong>, but this link is for{" "}
        <strong>{props.linkFor}</strong>. Continuing signs you out of {props.signedInAs} and{" "}
        {props.purpose}.
      </Notice>
      {props.children}
      <a href="/dashboard" class={`${ui.buttonSecondary} w-full`}>
        Keep using {props.signedInAs}
      </a>
    </AuthCard>
  );
}
