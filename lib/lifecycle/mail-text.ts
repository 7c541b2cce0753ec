// Moved to lib/notices/mail-text.ts; kept for importers.
export * from "@/lib/notices/mail-text";
