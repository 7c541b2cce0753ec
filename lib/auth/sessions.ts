// Moved to lib/users/sessions.ts (users must not import lib/auth); kept for its importers.
export { endSessions, sessionIsCurrent } from "@/lib/users/sessions";
