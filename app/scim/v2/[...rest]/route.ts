export { unknownScimPath as GET, unknownScimPath as POST, unknownScimPath as PUT, unknownScimPath as PATCH, unknownScimPath as DELETE } from "@/lib/api/scim/handlers";
