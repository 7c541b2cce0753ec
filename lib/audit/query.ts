// Moved to lib/audit/service.ts (it reads the database); kept for its importers.
export * from "./service";
