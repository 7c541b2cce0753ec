// Runs once when the server starts (instrumentation.ts): checks the settings and creates the
// first admin when there is no user at all.
import { randomBytes } from "node:crypto";
import { db, driver } from "@/lib/db";
import { getPublicOrigin, loadEnv } from "@/lib/env";
import { hashPassword } from "@/lib/auth/password";
import { logger } from "@/lib/observability/logger.mjs";
import { ADMIN_ROLE, formatRoles } from "@/lib/users/roles";

export async function ensureFirstAdmin(log: (line: string) => void = console.log) {
  const env = loadEnv();
  if ((await db.user.count()) > 0) return null;
  const email = env.adminEmail ?? "admin@example.com";
  const generated = env.adminPassword === undefined;
  const password = env.adminPassword ?? randomBytes(15).toString("base64url");
  try {
    await db.user.create({
      data: { email, name: "Administrator", kind: "internal", roles: formatRoles([ADMIN_ROLE, "user"]), passwordHash: await hashPassword(password) },
    });
  } catch (error) {
    if ((error as { code?: string }).code === "P2002") return null; // another instance was first
    throw error;
  }
  if (generated) {
    log(
      [
        "",
        "  First start: created the admin account (this password is shown only now).",
        `    Email:    ${email}`,
        `    Password: ${password}`,
        "  Set ADMIN_EMAIL and ADMIN_PASSWORD before the first start to choose them.",
        "",
      ].join("\n"),
    );
  } else {
    log(`First start: created the admin account ${email}.`);
  }
  return { email };
}

/** Settings first: a bad one stops the server with a clear message. */
export async function onServerStart() {
  try {
    loadEnv();
    // next-auth reads its base URL from NEXTAUTH_URL: give it the fixed public origin, so no
    // request header ever decides it (scripts/start.mjs no longer sets AUTH_TRUST_HOST).
    process.env.NEXTAUTH_URL = getPublicOrigin();
  } catch (error) {
    console.error((error as Error).message);
    process.exit(1);
  }
  if (!loadEnv().publicUrl) console.log(`Public URL: ${getPublicOrigin()} (from data/public-url; set NEXTAUTH_URL to change it)`);
  await ensureFirstAdmin();
  const { database } = loadEnv();
  const [{ onShutdown }, { registerReadinessCheck }] = await Promise.all([import("@/lib/shutdown.mjs"), import("@/lib/observability/readiness")]);
  if (database.provider === "postgresql") {
    const [{ startCacheSync }, { tokenCache }] = await Promise.all([import("@/lib/tokens/cache-sync"), import("@/lib/tokens/cache")]);
    // Keeps trying to connect when it can't at start; not ready until it is up (GET /api/ready):
    // this instance would lag the others by the TTL.
    const sync = await startCacheSync(tokenCache, database.url);
    registerReadinessCheck("cacheSync", () => sync.connected());
    onShutdown("cache-sync", sync.stop, { phase: "close" });
  }
  // Last at shutdown, after every flusher wrote what it held (lib/shutdown.mjs).
  onShutdown("database", async () => {
    await db.$disconnect();
    if (driver.provider === "postgresql") await driver.pool.end();
  }, { phase: "close" });
  const { startLifecycleJob } = await import("@/lib/lifecycle/job");
  startLifecycleJob();
}
