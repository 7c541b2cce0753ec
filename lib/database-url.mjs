// Which database to use, from DATABASE_URL. Shared by the app (lib/db.ts) and the scripts
// (migrate, start), so both always agree. No DATABASE_URL: SQLite in ./data/pat-console.db.
import { isAbsolute, resolve } from "node:path";

export const DEFAULT_SQLITE_FILE = "data/pat-console.db";

/**
 * @param {string | undefined} url DATABASE_URL as given
 * @param {string} root the project folder, for relative SQLite paths
 * @returns {{ provider: "sqlite", file: string } | { provider: "postgresql", url: string }}
 */
export function resolveDatabase(url, root = process.cwd()) {
  const value = url?.trim();
  if (!value) return { provider: "sqlite", file: resolve(root, DEFAULT_SQLITE_FILE) };
  if (value.startsWith("file:")) {
    const path = value.slice("file:".length).replace(/^\/\/(?=\/)/, "");
    if (!path) throw new Error("DATABASE_URL: file: needs a path, e.g. file:/var/lib/pat-console/pat.db");
    return { provider: "sqlite", file: isAbsolute(path) ? path : resolve(root, path) };
  }
  if (/^postgres(ql)?:\/\//.test(value)) {
    try {
      new URL(value);
    } catch {
      throw new Error("DATABASE_URL: not a valid postgresql:// URL");
    }
    return { provider: "postgresql", url: value };
  }
  throw new Error("DATABASE_URL must start with file: (SQLite) or postgresql:// (PostgreSQL)");
}
