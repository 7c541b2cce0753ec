export { listUsers as GET, createUser as POST } from "@/lib/api/scim/handlers";
