// The storage interface for uploaded files, and the configured implementation (local disk by default).
import type { Env } from "~/env.server";
import { LocalDiskStorage } from "./local-disk.server";

export interface StoredFile {
  bytes: Uint8Array;
  contentType: string;
}

export interface FileStorage {
  put(key: string, bytes: Uint8Array, contentType: string): Promise<void>;
  get(key: string): Promise<StoredFile | null>;
  delete(key: string): Promise<void>;
}

/** The configured storage (stateless: cheap to make per request). */
export function getStorage(env: Pick<Env, "UPLOAD_DIR">): FileStorage {
  return new LocalDiskStorage(env.UPLOAD_DIR);
}
