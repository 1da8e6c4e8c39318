// Deno.serve has no header or body read timeout: a client sending a byte every few seconds
// holds its connection forever. The public listener is therefore this server of our own
// (ADR 0013, ADR 0014): it reads each request within the read limits and hands it to the app
// in process, as a Request with the client's address.
import { closingResponse } from "./http1.ts";
import { linger, within, writeAll } from "./io.ts";
import { Connection, type Handler, type ReadLimits } from "./connection.ts";

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
  /** Stops accepting and closes every connection. */
  shutdown(): Promise<void>;
}

/** Serves `handler`; it sees the client's own address. */
export function serveGuarded(options: FrontOptions, handler: Handler): Front {
  const { limits } = options;
  const listener = Deno.listen({ hostname: options.hostname, port: options.port });
  const unfinished = new Map<string, number>();
  const connections = new Set<Connection>();

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
    client.setNoDelay(true);
    const connection = new Connection(client, { limits, unfinished: count });
    connections.add(connection);
    try {
      await connection.run(handler);
    } finally {
      connections.delete(connection);
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
    async shutdown() {
      closing = true;
      listener.close();
      await accepting;
      for (const connection of connections) connection.close();
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
