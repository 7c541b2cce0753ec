// Moved to lib/tokens/refusal.ts (the token check counts its own refusals); kept for importers.
export { assertTokenNotLocked, refuseToken } from "@/lib/tokens/refusal";
