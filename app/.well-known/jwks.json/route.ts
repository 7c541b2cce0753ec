// The keys that verify access tokens from the token exchange; the same handler as /api/v1/oauth/jwks.
export { GET } from "@/app/api/v1/oauth/jwks/route";

export const dynamic = "force-dynamic";
