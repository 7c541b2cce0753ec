// Pure constants, importing nothing: safe for client components and lib/schemas (catalog.ts
// reads a file and is server-only).
export const OPERATIONS = ["create", "read", "list", "update", "delete", "share", "unshare", "publish", "subscribe"] as const;
export type Operation = (typeof OPERATIONS)[number];
