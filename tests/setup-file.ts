// Runs in each test file's process before the file.
import { randomUUID } from "node:crypto";
import { cloneTestDatabase } from "../scripts/test-database.mjs";

// The file's own database: a copy of the migrated template (tests/global-setup.ts) in this
// worker's slot (VITEST_POOL_ID, 1..maxWorkers), replacing the copy the worker's previous file
// used (a file copy on SQLite, CREATE DATABASE ... TEMPLATE on PostgreSQL: milliseconds, not a
// migration). What the previous file left running can't reach it either.
const template = process.env.VITEST_TEMPLATE_DATABASE_URL;
if (template) [process.env.DATABASE_URL] = await cloneTestDatabase(template, [`w${process.env.VITEST_POOL_ID ?? 1}`]);

// The file's own rate-limit counters. Test calls come from one address (tests/helpers.ts), so
// with a shared store (PostgreSQL, or Redis with REDIS_URL) one prefix per run would add every
// file's refused tokens together and lock that address halfway through the suite.
process.env.RATE_LIMIT_PREFIX = `test-${randomUUID().slice(0, 8)}`;
