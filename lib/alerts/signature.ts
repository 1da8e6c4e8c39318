// Webhook signatures: HMAC-SHA256 over the exact body bytes with the alert's secret, sent as
// `X-Inactu-Signature: sha256=<hex>` (docs/webhooks.md says how a receiver checks it).

export const SIGNATURE_HEADER = "x-inactu-signature";
export const EVENT_HEADER = "x-inactu-event";
export const DELIVERY_HEADER = "x-inactu-delivery";

const encoder = new TextEncoder();

/** `sha256=` and the hex HMAC-SHA256 of `body` under `secret`. */
export async function signBody(secret: string, body: string): Promise<string> {
  const key = await crypto.subtle.importKey(
    "raw",
    encoder.encode(secret),
    { name: "HMAC", hash: "SHA-256" },
    false,
    ["sign"],
  );
  const mac = new Uint8Array(await crypto.subtle.sign("HMAC", key, encoder.encode(body)));
  return `sha256=${Array.from(mac, (b) => b.toString(16).padStart(2, "0")).join("")}`;
}
