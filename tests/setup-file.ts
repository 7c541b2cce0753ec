// Runs in each test file's process before the file.
import { randomUUID } from "node:crypto";

// The worker's own database (tests/global-setup.ts made one per worker; VITEST_POOL_ID is
// 1..maxWorkers and stays with the worker for every file it runs).
const copies = JSON.parse(process.env.VITEST_WORKER_DATABASE_URLS ?? "[]") as string[];
const mine = copies[Number(process.env.VITEST_POOL_ID ?? 1) - 1];
if (mine) process.env.DATABASE_URL = mine;
else if (copies.length) throw new Error(`No test database for vitest worker ${process.env.VITEST_POOL_ID} (${copies.length} made)`);

// The file's own rate-limit counters. Test calls come from one address (tests/helpers.ts), so
// with a shared store (PostgreSQL, or Redis with REDIS_URL) one prefix per run would add every
// file's refused tokens together and lock that address halfway through the suite.
process.env.RATE_LIMIT_PREFIX = `test-${randomUUID().slice(0, 8)}`;
