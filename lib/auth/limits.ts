/** The largest body of next-auth's routes (sign-in forms, sign-out): app/api/auth/[...nextauth]
 * reads at most this, and the server's door (server/body-limits.ts) refuses more for them. */
export const AUTH_MAX_BODY_BYTES = 16 * 1024;
