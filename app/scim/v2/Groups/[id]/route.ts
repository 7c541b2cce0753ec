export { getGroup as GET, replaceGroup as PUT, patchGroup as PATCH, deleteGroup as DELETE } from "@/lib/api/scim/handlers";
