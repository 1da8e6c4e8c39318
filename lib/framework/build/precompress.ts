import { brotliCompressSync, constants, gzipSync } from "node:zlib";
import { ENCODING_SUFFIX } from "../encoding.ts";
import { walkFiles } from "../walk.ts";

const TEXT = /\.(css|js|svg|json|map|txt)$/;

/**
 * Writes `.br` and `.gz` next to each text file of the build output, at the strongest
 * settings: done once here, so serving them costs nothing (lib/framework/static_files.ts).
 */
export async function precompress(dir: string): Promise<number> {
  let count = 0;
  for await (const rel of walkFiles(dir)) {
    if (!TEXT.test(rel)) continue;
    const path = `${dir}/${rel}`;
    const bytes = await Deno.readFile(path);
    const br = brotliCompressSync(bytes, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
        [constants.BROTLI_PARAM_SIZE_HINT]: bytes.byteLength,
      },
    });
    await Deno.writeFile(`${path}${ENCODING_SUFFIX.br}`, br);
    await Deno.writeFile(`${path}${ENCODING_SUFFIX.gzip}`, gzipSync(bytes, { level: 9 }));
    count++;
  }
  return count;
}
