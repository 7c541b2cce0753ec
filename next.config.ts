import type { NextConfig } from "next";
import { API_HEADERS, HSTS, STATIC_HEADERS } from "./lib/security-headers";

const nextConfig: NextConfig = {
  // Separate build folders let parallel e2e runs coexist (see e2e/constants.mjs).
  distDir: process.env.NEXT_DIST_DIR || ".next",
  // Native and driver modules stay out of the server bundle.
  serverExternalPackages: ["better-sqlite3", "@prisma/adapter-better-sqlite3", "@prisma/adapter-pg", "pg", "@node-rs/argon2", "ioredis", "rate-limiter-flexible", "prom-client"],
  poweredByHeader: false,
  // `npm run bench` builds its own copy with a trivial route (app/api/bench-floor/route.bench.ts)
  // to measure against; no other build has it.
  pageExtensions: ["tsx", "ts", "jsx", "js", ...(process.env.PAT_BENCH_FLOOR === "1" ? ["bench.ts"] : [])],
  async headers() {
    return [
      { source: "/:path*", headers: STATIC_HEADERS },
      { source: "/:path*", has: [{ type: "header", key: "x-forwarded-proto", value: "https" }], headers: [HSTS] },
      { source: "/api/:path*", headers: API_HEADERS },
    ];
  },
};

export default nextConfig;
