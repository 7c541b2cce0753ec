import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // Separate build folders let parallel e2e runs coexist (see e2e/constants.mjs).
  distDir: process.env.NEXT_DIST_DIR || ".next",
  // Native and driver modules stay out of the server bundle.
  serverExternalPackages: ["better-sqlite3", "@prisma/adapter-better-sqlite3", "@prisma/adapter-pg", "pg", "@node-rs/argon2"],
  poweredByHeader: false,
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "Referrer-Policy", value: "same-origin" },
          { key: "X-Frame-Options", value: "DENY" },
        ],
      },
    ];
  },
};

export default nextConfig;
