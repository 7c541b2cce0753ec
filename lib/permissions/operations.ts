// The operations live in ./constants.ts (import-free, for lib/schemas); this name stays for its importers.
export { OPERATIONS, type Operation } from "./constants";
