import type { NextConfig } from "next";
import { API_HEADERS, HSTS, STATIC_HEADERS } from "./lib/security-headers";

const nextConfig: NextConfig = {
  // Separate build folders let parallel e2e runs coexist (see e2e/constants.mjs).
  distDir: process.env.NEXT_DIST_DIR || ".next",
  // Native and driver modules stay out of the server bundle.
  serverExternalPackages: ["better-sqlite3", "@prisma/adapter-better-sqlite3", "@prisma/adapter-pg", "pg", "@node-rs/argon2", "ioredis", "rate-limiter-flexible", "prom-client"],
  poweredByHeader: false,
  async headers() {
    return [
      { source: "/:path*", headers: STATIC_HEADERS },
      { source: "/:path*", has: [{ type: "header", key: "x-forwarded-proto", value: "https" }], headers: [HSTS] },
      { source: "/api/:path*", headers: API_HEADERS },
    ];
  },
};

export default nextConfig;
