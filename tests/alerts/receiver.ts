// A webhook receiver on 127.0.0.1 for the alert tests: it records each request, checks its
// signature the way docs/webhooks.md tells receivers to, and answers the statuses it is given.

export interface Received {
  event: string | null;
  delivery: string | null;
  signature: string | null;
  /** Whether X-Inactu-Signature is the HMAC-SHA256 of the body under the secret. */
  verified: boolean;
  body: Record<string, unknown>;
}

export interface Receiver extends AsyncDisposable {
  url: string;
  received: Received[];
  /** The secret to verify with (known once the alert is created). */
  secret: string;
  /** Statuses for the next requests, in order; 204 once they run out. */
  answers: number[];
}

/** Verifies a webhook as a receiver should: HMAC over the raw body, constant-time compare. */
export async function verifySignature(
  secret: string,
  rawBody: string,
  header: string | null,
): Promise<boolean> {
  if (!secret || !header?.startsWith("sha256=")) return false;
  const key = await crypto.subtle.importKey(
    "raw",
    new TextEncoder().encode(secret),
    { name: "HMAC", hash: "SHA-256" },
    false,
    ["verify"],
  );
  const hex = header.slice(7);
  if (!/^[0-9a-f]{64}$/.test(hex)) return false;
  const mac = new Uint8Array(hex.match(/../g)!.map((h) => parseInt(h, 16)));
  // crypto.subtle.verify compares in constant time.
  return await crypto.subtle.verify("HMAC", key, mac, new TextEncoder().encode(rawBody));
}

export function startReceiver(): Receiver {
  const receiver: Receiver = {
    url: "",
    received: [],
    secret: "",
    answers: [],
    [Symbol.asyncDispose]: async () => {
      await server.shutdown();
    },
  };
  const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen() {} }, async (req) => {
    const raw = await req.text();
    const signature = req.headers.get("x-inactu-signature");
    receiver.received.push({
      event: req.headers.get("x-inactu-event"),
      delivery: req.headers.get("x-inactu-delivery"),
      signature,
      verified: await verifySignature(receiver.secret, raw, signature),
      body: JSON.parse(raw),
    });
    return new Response(null, { status: receiver.answers.shift() ?? 204 });
  });
  receiver.url = `http://127.0.0.1:${server.addr.port}/hook`;
  return receiver;
}
