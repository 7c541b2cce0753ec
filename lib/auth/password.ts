// Moved to lib/users/password.ts (users must not import lib/auth); kept for its importers.
export { hashPassword, verifyPassword } from "@/lib/users/password";
