// Vite plugin: after the client build, writes a brotli (quality 11) and a gzip (level 9) twin next to
// every compressible file of build/client, so the server never compresses a static file per request.
import fs from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import zlib from "node:zlib";
import type { Plugin } from "vite";

const brotli = promisify(zlib.brotliCompress);
const gzip = promisify(zlib.gzip);
const COMPRESSIBLE = /\.(js|mjs|css|svg|html|json|txt|xml|webmanifest)$/i;
/** Below this, the headers of a compressed answer outweigh what it saves. */
const MIN_BYTES = 256;

function filesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.name.startsWith(".")) return [];
    return e.isDirectory() ? filesUnder(full) : [full];
  });
}

export async function precompressDir(dir: string): Promise<{ files: number; bytes: number; brotli: number }> {
  const targets = filesUnder(dir).filter((f) => COMPRESSIBLE.test(f) && fs.statSync(f).size >= MIN_BYTES);
  let bytes = 0;
  let brotliBytes = 0;
  // zlib's async calls run in its thread pool, four at a time by default.
  await Promise.all(
    targets.map(async (file) => {
      const source = fs.readFileSync(file);
      const [br, gz] = await Promise.all([
        brotli(source, {
          params: {
            [zlib.constants.BROTLI_PARAM_QUALITY]: 11,
            [zlib.constants.BROTLI_PARAM_SIZE_HINT]: source.length,
            [zlib.constants.BROTLI_PARAM_MODE]: zlib.constants.BROTLI_MODE_TEXT,
          },
        }),
        gzip(source, { level: 9 }),
      ]);
      bytes += source.length;
      brotliBytes += Math.min(br.length, source.length);
      for (const [twin, suffix] of [
        [br, ".br"],
        [gz, ".gz"],
      ] as const) {
        if (twin.length < source.length) fs.writeFileSync(file + suffix, twin);
        else fs.rmSync(file + suffix, { force: true });
      }
    }),
  );
  return { files: targets.length, bytes, brotli: brotliBytes };
}

export function precompress(): Plugin {
  let outDir = "";
  let ssr = false;
  return {
    name: "kinvisit:precompress",
    apply: "build",
    configResolved(config) {
      outDir = path.resolve(config.root, config.build.outDir);
      ssr = Boolean(config.build.ssr);
    },
    async closeBundle() {
      if (ssr) return;
      const started = performance.now();
      const { files, bytes, brotli } = await precompressDir(outDir);
      this.info?.(
        `precompressed ${files} files: ${(bytes / 1024).toFixed(0)} KiB → ${(brotli / 1024).toFixed(0)} KiB brotli in ${Math.round(performance.now() - started)} ms`,
      );
    },
  };
}
