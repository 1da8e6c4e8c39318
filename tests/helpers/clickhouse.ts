// A real clickhouse-server for the ClickHouse log store's tests and benchmarks: our own config
// (data, logs and temp files in a temp folder; only the HTTP port, on 127.0.0.1, at a free
// port; no TCP, interserver or MySQL listeners), started here and stopped by close().
// Debian's clickhouse-server 18.16 (installed by .ci/run) and current releases both read it.

export interface TestClickHouse extends AsyncDisposable {
  /** http://127.0.0.1:<port> */
  endpoint: string;
  /** A CLICKHOUSE_URL for a fresh database (one per test, so tests never share lines). */
  databaseUrl(name?: string): string;
  close(): Promise<void>;
}

const CANDIDATES = [
  ["/usr/sbin/clickhouse-server"],
  ["/usr/bin/clickhouse-server"],
  ["/usr/bin/clickhouse", "server"],
  ["/usr/local/bin/clickhouse", "server"],
];

/** The command that starts a server here, or null when ClickHouse is not installed. */
export function clickhouseCommand(): string[] | null {
  for (const c of CANDIDATES) {
    try {
      if (Deno.statSync(c[0]!).isFile) return c;
    } catch { /* not here */ }
  }
  return null;
}

/**
 * Whether the ClickHouse tests run: they do where a server is installed; where it is not they
 * are skipped with a message, except in CI (CI set), where its absence is a failure.
 */
export function clickhouseAvailable(): boolean {
  if (clickhouseCommand()) return true;
  if (Deno.env.get("CI")) {
    throw new Error("clickhouse-server is not installed, and CI needs it: .ci/run installs it");
  }
  // deno-lint-ignore no-console -- the skip must be visible in the test output
  console.warn(
    "skipping the ClickHouse log store tests: clickhouse-server is not installed " +
      "(apt-get install clickhouse-server; CI installs it and never skips)",
  );
  return false;
}

function freePort(): number {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const port = (listener.addr as Deno.NetAddr).port;
  listener.close();
  return port;
}

function config(dir: string, port: number): string {
  return `<?xml version="1.0"?>
<yandex>
  <logger><level>warning</level><log>${dir}/server.log</log><errorlog>${dir}/error.log</errorlog><console>0</console></logger>
  <http_port>${port}</http_port>
  <listen_host>127.0.0.1</listen_host>
  <path>${dir}/data/</path>
  <tmp_path>${dir}/tmp/</tmp_path>
  <user_files_path>${dir}/user_files/</user_files_path>
  <format_schema_path>${dir}/format_schemas/</format_schema_path>
  <mark_cache_size>268435456</mark_cache_size>
  <max_concurrent_queries>100</max_concurrent_queries>
  <users><default><password></password><networks><ip>127.0.0.1</ip><ip>::1</ip></networks><profile>default</profile><quota>default</quota></default></users>
  <profiles><default><max_memory_usage>4000000000</max_memory_usage><max_threads>2</max_threads></default></profiles>
  <quotas><default></default></quotas>
</yandex>
`;
}

/** Starts clickhouse-server on a free port and waits until it answers /ping. */
export async function startClickHouse(): Promise<TestClickHouse> {
  const command = clickhouseCommand();
  if (!command) throw new Error("clickhouse-server is not installed");
  const dir = await Deno.makeTempDir({ prefix: "inactu-clickhouse-" });
  let lastError = "";
  for (let attempt = 0; attempt < 3; attempt++) {
    const port = freePort();
    await Deno.writeTextFile(`${dir}/config.xml`, config(dir, port));
    const child = new Deno.Command(command[0]!, {
      args: [...command.slice(1), `--config-file=${dir}/config.xml`],
      stdout: "null",
      stderr: "null",
      cwd: dir,
    }).spawn();
    const endpoint = `http://127.0.0.1:${port}`;
    const exited = child.status.then(() => true);
    const until = Date.now() + 30_000;
    while (Date.now() < until) {
      const ok = await fetch(`${endpoint}/ping`).then(async (r) =>
        (await r.text()).startsWith("Ok")
      )
        .catch(() => false);
      if (ok) return running(child, dir, endpoint);
      if (await Promise.race([exited, new Promise((r) => setTimeout(() => r(false), 100))])) break;
    }
    lastError = await Deno.readTextFile(`${dir}/error.log`).catch(() => "");
    try {
      child.kill("SIGKILL");
    } catch { /* exited */ }
    await child.status;
  }
  await Deno.remove(dir, { recursive: true }).catch(() => {});
  throw new Error(`clickhouse-server did not start: ${lastError.slice(-2000)}`);
}

function running(child: Deno.ChildProcess, dir: string, endpoint: string): TestClickHouse {
  let n = 0;
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    child.kill("SIGTERM");
    const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
    await child.status;
    clearTimeout(timer);
    await Deno.remove(dir, { recursive: true }).catch(() => {});
  };
  return {
    endpoint,
    databaseUrl: (name) => `${endpoint}/${name ?? `test_${Date.now()}_${n++}`}`,
    close,
    [Symbol.asyncDispose]: close,
  };
}
