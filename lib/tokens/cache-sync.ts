// Shim: lib/bootstrap.ts starts the cache sync from this path (that file is not this change's);
// the sync is lib/tokens/service/cache-sync.ts. Delete this once bootstrap imports that.
export { startCacheSync } from "./service/cache-sync";
