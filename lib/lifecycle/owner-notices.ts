// Moved to lib/notices/owner-notices.ts; kept for importers.
export * from "@/lib/notices/owner-notices";
