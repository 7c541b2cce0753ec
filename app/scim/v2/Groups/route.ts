export { listGroups as GET, createGroup as POST } from "@/lib/api/scim/handlers";
