// Owns the lock file that keeps a second process from opening (and silently corrupting) a PGlite folder.
import fs from "node:fs";
import path from "node:path";

export class PgliteLockedError extends Error {
  constructor(dir: string, pid: number) {
    super(
      `The embedded database at ${dir} is already open in process ${pid}. ` +
        `PGlite allows one process per folder: stop that process first ` +
        `(or run this command while it is stopped), or set DATABASE_URL to use PostgreSQL.`,
    );
    this.name = "PgliteLockedError";
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Takes `<dir>.lock` or throws PgliteLockedError. Returns the release function. */
export function acquirePgliteLock(dir: string): () => void {
  const lockPath = `${path.resolve(dir)}.lock`;
  fs.mkdirSync(path.dirname(lockPath), { recursive: true });
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = fs.openSync(lockPath, "wx");
      fs.writeSync(fd, String(process.pid));
      fs.closeSync(fd);
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        process.off("exit", release);
        try {
          if (fs.readFileSync(lockPath, "utf8") === String(process.pid)) fs.unlinkSync(lockPath);
        } catch {
          // already gone
        }
      };
      process.on("exit", release);
      return release;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const holder = Number(fs.readFileSync(lockPath, "utf8").trim());
      if (Number.isInteger(holder) && holder > 0 && isAlive(holder)) {
        throw new PgliteLockedError(dir, holder);
      }
      // Stale lock from a process that died: remove it only if it still names that process.
      try {
        if (fs.readFileSync(lockPath, "utf8").trim() === String(holder)) fs.unlinkSync(lockPath);
      } catch {
        // someone else cleaned it up; retry
      }
    }
  }
  throw new Error(`Could not take the PGlite lock at ${lockPath}`);
}
