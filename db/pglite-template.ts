// A new PGlite folder starts from a cluster the build made: initdb and every migration, done once by
// `npm run build` (scripts/build/make-pglite-template.ts, bundled and run from build/bin), with the job
// queue's schema, into a folder beside the server bundle. A first start copies that folder instead of
// running initdb (about 3 s) and the migrations (about 0.8 s); the migrator still runs after it and
// applies whatever is newer. (PGlite can also load a tarball, but unpacking 43 MB through its own file
// system took 1.5–2 s; a copy with Node's takes a fraction of that.) Used only when the folder was made
// by the PGlite installed now; otherwise the start runs initdb as before.
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { openDatabase } from "./client";
import { installJobsSchema } from "../app/jobs/jobs.server";
import { runMigrations } from "./migrate";

const require = createRequire(import.meta.url);

/** The installed PGlite's version (its package.json is not exported, so it is found on disk). */
export function pgliteVersion(): string {
  let dir = path.dirname(require.resolve("@electric-sql/pglite"));
  for (;;) {
    const file = path.join(dir, "package.json");
    if (fs.existsSync(file)) {
      const pkg = JSON.parse(fs.readFileSync(file, "utf8")) as { name?: string; version?: string };
      if (pkg.name === "@electric-sql/pglite" && pkg.version) return pkg.version;
    }
    const up = path.dirname(dir);
    if (up === dir) throw new Error("@electric-sql/pglite: package.json not found");
    dir = up;
  }
}

/** Where the build puts the template: build/pglite-template-<version>/, beside build/bin. */
export function templateDir(binDir: string, version = pgliteVersion()): string {
  return path.join(binDir, "..", `pglite-template-${version}`);
}

/** True when `dir` holds no cluster yet (missing, or empty as a new folder is). */
function isEmptyFolder(dir: string): boolean {
  return !fs.existsSync(dir) || fs.readdirSync(dir).length === 0;
}

/**
 * Fills a new folder `dir` from the build's template. False (and nothing copied) for a folder in use,
 * in-memory, or when no template for this PGlite was built.
 */
export function copyTemplate(dir: string, binDir: string): boolean {
  if (dir === "memory" || !isEmptyFolder(dir)) return false;
  const template = templateDir(binDir);
  if (!fs.existsSync(path.join(template, "PG_VERSION"))) return false;
  // Into a sibling first, then renamed: a start that dies halfway leaves no half-copied cluster.
  const partial = `${path.resolve(dir)}.copying`;
  fs.rmSync(partial, { recursive: true, force: true });
  fs.cpSync(template, partial, { recursive: true });
  fs.rmSync(dir, { recursive: true, force: true });
  fs.renameSync(partial, dir);
  return true;
}

/** The bundled server's own folder (build/bin), where its template is looked for. */
export const bundleDir = path.dirname(fileURLToPath(import.meta.url));

/** Build step: makes the template beside the bundle this runs from. */
export async function makeTemplate(binDir: string): Promise<{ dir: string; bytes: number }> {
  const parent = path.join(binDir, "..");
  for (const old of fs.readdirSync(parent).filter((f) => f.startsWith("pglite-template-")))
    fs.rmSync(path.join(parent, old), { recursive: true, force: true });
  const dir = templateDir(binDir);
  const handle = await openDatabase({ pgliteDir: dir });
  try {
    await runMigrations(handle);
    await installJobsSchema(handle.executeSql);
  } finally {
    await handle.close();
  }
  // The lock file PGlite's opener leaves beside the folder is not part of the template.
  fs.rmSync(`${dir}.lock`, { force: true });
  const bytes = fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .reduce((sum, e) => sum + fs.statSync(path.join(e.parentPath, e.name)).size, 0);
  return { dir, bytes };
}
