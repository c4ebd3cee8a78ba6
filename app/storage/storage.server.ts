// The storage interface for uploaded files, and the configured implementation (local disk by default).
import { getEnv } from "~/env.server";
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

let storage: FileStorage | undefined;
export function getStorage(): FileStorage {
  storage ??= new LocalDiskStorage(getEnv().UPLOAD_DIR);
  return storage;
}
