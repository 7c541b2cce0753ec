// Moved to lib/policy/service.ts (it reads and writes the database); kept for its importers.
export * from "./service";
