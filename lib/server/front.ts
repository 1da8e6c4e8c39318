// Deno.serve has no header or body read timeout: a client sending a byte every few seconds
// holds its connection forever. The public listener is therefore this front, which hands
// each connection to Deno.serve on a loopback port only while the client keeps up.
import type { RequestInfo } from "../framework/context.ts";
import { closingResponse } from "./http1.ts";
import { linger, within, writeAll } from "./io.ts";
import { type ReadLimits, Relay } from "./relay.ts";

export type { ReadLimits };

export interface FrontOptions {
  hostname: string;
  port: number;
  limits: ReadLimits & {
    /** Connections one address may have with a request not yet received in full. */
    unfinishedPerClient: number;
  };
  onListen?(addr: Deno.NetAddr): void;
}

export interface Front {
  addr: Deno.NetAddr;
  /** The loopback address of the inner server, which answers only the front's sockets. */
  inner: Deno.NetAddr;
  /** Stops accepting, closes every connection and the inner server. */
  shutdown(): Promise<void>;
}

type Handler = (req: Request, info: RequestInfo) => Response | Promise<Response>;

/** Serves `handler` behind the front; the handler sees the client's own address. */
export function serveGuarded(options: FrontOptions, handler: Handler): Front {
  const { limits } = options;
  // The inner server's view of a connection is the front's loopback socket; its local port
  // names the client behind it. A socket that is not the front's is no client of ours.
  const peers = new Map<number, Deno.NetAddr>();
  const inner = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen: () => {} }, (req, info) => {
    const peer = peers.get(info.remoteAddr.port);
    if (!peer) return new Response("connect through the public listener\n", { status: 421 });
    return handler(req, { remoteAddr: { hostname: peer.hostname, port: peer.port } });
  });
  const listener = Deno.listen({ hostname: options.hostname, port: options.port });
  const unfinished = new Map<string, number>();
  const relays = new Set<Relay>();
  const open = new Set<Deno.Conn>();

  async function accept(client: Deno.TcpConn): Promise<void> {
    const ip = client.remoteAddr.hostname;
    if ((unfinished.get(ip) ?? 0) >= limits.unfinishedPerClient) {
      const message = `too many unfinished requests from your address; at most ` +
        `${limits.unfinishedPerClient} at a time`;
      return await refuse(client, closingResponse(429, message, { "retry-after": "1" }));
    }
    let counted = false;
    const count = (on: boolean) => {
      if (on === counted) return;
      counted = on;
      const n = (unfinished.get(ip) ?? 0) + (on ? 1 : -1);
      if (n > 0) unfinished.set(ip, n);
      else unfinished.delete(ip);
    };
    count(true);
    open.add(client);
    let upstream: Deno.TcpConn;
    try {
      upstream = await Deno.connect({ hostname: "127.0.0.1", port: inner.addr.port });
    } catch {
      count(false);
      open.delete(client);
      return await refuse(client, closingResponse(503, "the server is shutting down"));
    }
    client.setNoDelay(true);
    upstream.setNoDelay(true);
    const port = upstream.localAddr.port;
    peers.set(port, client.remoteAddr);
    const relay = new Relay(client, upstream, { limits, unfinished: count });
    relays.add(relay);
    try {
      await relay.run();
    } finally {
      relays.delete(relay);
      open.delete(client);
      peers.delete(port);
      count(false);
    }
  }

  let closing = false;
  const accepting = (async () => {
    while (!closing) {
      let client: Deno.TcpConn;
      try {
        client = await listener.accept();
      } catch {
        // Out of file descriptors, say: keep serving the connections already open.
        if (!closing) await new Promise((r) => setTimeout(r, 100));
        continue;
      }
      accept(client).catch(() => {});
    }
  })();
  options.onListen?.(listener.addr);

  return {
    addr: listener.addr,
    inner: inner.addr,
    async shutdown() {
      closing = true;
      listener.close();
      await accepting;
      for (const relay of relays) relay.close();
      for (const conn of open) tryClose(conn);
      await inner.shutdown();
    },
  };
}

async function refuse(client: Deno.Conn, response: Uint8Array): Promise<void> {
  await within(writeAll(client, response), 1000);
  await linger(client, 1000);
  tryClose(client);
}

function tryClose(conn: Deno.Conn): void {
  try {
    conn.close();
  } catch { /* already closed */ }
}
