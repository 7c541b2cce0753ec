// Runs in each test file's process before the file: the file's own rate-limit counters. Test
// calls come from one address (tests/helpers.ts), so with a shared store (PostgreSQL, or Redis
// with REDIS_URL) one prefix per run would add every file's refused tokens together and lock
// that address halfway through the suite.
import { randomUUID } from "node:crypto";

process.env.RATE_LIMIT_PREFIX = `test-${randomUUID().slice(0, 8)}`;
