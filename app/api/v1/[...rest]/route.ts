import { errorResponse, notFound } from "@/lib/errors";

const unknownRoute = async () => errorResponse(notFound("API route"));

export { unknownRoute as GET, unknownRoute as POST, unknownRoute as PUT, unknownRoute as PATCH, unknownRoute as DELETE };
