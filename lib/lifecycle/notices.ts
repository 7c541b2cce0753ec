// Moved to lib/notices/queue.ts (lib/tokens and lib/lifecycle both queue notices); kept for importers.
export * from "@/lib/notices/queue";
