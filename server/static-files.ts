// Serves the files of build/client from a list made at start-up: a page URL costs one Map lookup (no
// stat, no 404 error object), and each file goes out as its build-time brotli or gzip twin when the
// browser takes one (see docs/decisions/012-page-speed.md).
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import type { RequestHandler } from "express";
import { acceptedEncodings } from "./compression";

/** Files at most this big are kept in memory; bigger ones are streamed from disk. */
const IN_MEMORY_MAX_BYTES = 512 * 1024;

export const PRECOMPRESSED = [
  { encoding: "br", suffix: ".br" },
  { encoding: "gzip", suffix: ".gz" },
] as const;
type Encoding = (typeof PRECOMPRESSED)[number]["encoding"] | "identity";

const TYPES: Record<string, string> = {
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".html": "text/html; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".webmanifest": "application/manifest+json; charset=utf-8",
  ".txt": "text/plain; charset=utf-8",
  ".map": "application/json; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".jpeg": "image/jpeg",
  ".webp": "image/webp",
  ".avif": "image/avif",
  ".gif": "image/gif",
  ".ico": "image/x-icon",
  ".woff2": "font/woff2",
  ".woff": "font/woff",
};

interface Variant {
  file: string;
  size: number;
  etag: string;
  body?: Buffer;
}

export interface StaticFile {
  type: string;
  cacheControl: string;
  variants: Partial<Record<Encoding, Variant>>;
}

function variant(file: string, etagSuffix: string): Variant {
  const size = fs.statSync(file).size;
  const body = size <= IN_MEMORY_MAX_BYTES ? fs.readFileSync(file) : undefined;
  const hash = createHash("sha1")
    .update(body ?? `${file}:${size}:${fs.statSync(file).mtimeMs}`)
    .digest("base64url")
    .slice(0, 22);
  return { file, size, body, etag: `"${hash}${etagSuffix}"` };
}

/** Every file under `clientDir` (dot files and the .br/.gz twins themselves excepted), by URL path. */
export function listStaticFiles(clientDir: string): Map<string, StaticFile> {
  const files = new Map<string, StaticFile>();
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      if (entry.name.startsWith(".")) continue;
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        walk(full);
        continue;
      }
      if (!entry.isFile() || PRECOMPRESSED.some((p) => entry.name.endsWith(p.suffix))) continue;
      const urlPath = `/${path.relative(clientDir, full).split(path.sep).join("/")}`;
      const variants: StaticFile["variants"] = { identity: variant(full, "") };
      for (const { encoding, suffix } of PRECOMPRESSED) {
        if (fs.existsSync(full + suffix)) variants[encoding] = variant(full + suffix, `-${encoding}`);
      }
      files.set(urlPath, {
        type: TYPES[path.extname(entry.name).toLowerCase()] ?? "application/octet-stream",
        // Vite puts a content hash in every name under /assets.
        cacheControl: urlPath.startsWith("/assets/") ? "public, max-age=31536000, immutable" : "public, max-age=3600",
        variants,
      });
    }
  };
  walk(clientDir);
  return files;
}

export function staticFiles(clientDir: string): RequestHandler {
  const files = listStaticFiles(clientDir);
  return (req, res, next) => {
    if (req.method !== "GET" && req.method !== "HEAD") return next();
    const file = files.get(req.path);
    if (!file) return next();
    const hasTwins = Boolean(file.variants.br || file.variants.gzip);
    const accepted = hasTwins ? acceptedEncodings(req.headers["accept-encoding"]) : NONE;
    const encoding: Encoding =
      file.variants.br && accepted.br ? "br" : file.variants.gzip && accepted.gzip ? "gzip" : "identity";
    const v = file.variants[encoding]!;
    res.setHeader("Content-Type", file.type);
    res.setHeader("Cache-Control", file.cacheControl);
    if (hasTwins) res.setHeader("Vary", "Accept-Encoding");
    res.setHeader("ETag", v.etag);
    if (req.fresh) {
      res.status(304).end();
      return;
    }
    if (encoding !== "identity") res.setHeader("Content-Encoding", encoding);
    res.setHeader("Content-Length", v.size);
    if (req.method === "HEAD") {
      res.end();
      return;
    }
    if (v.body) {
      res.end(v.body);
      return;
    }
    fs.createReadStream(v.file)
      .on("error", (error) => (res.headersSent ? res.destroy(error) : next(error)))
      .pipe(res);
  };
}

const NONE = { br: false, gzip: false } as const;
