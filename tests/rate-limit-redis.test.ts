// The rate limits on Redis (REDIS_URL, e.g. redis://127.0.0.1:6379; .ci/run starts one).
// This file is skipped only when REDIS_URL is unset.
import { describe } from "vitest";
import { redisStore } from "@/lib/rate-limit";
import { rateLimitCases } from "./rate-limit-cases";

const url = process.env.REDIS_URL;

describe.skipIf(!url)("Redis", () => {
  rateLimitCases("Redis", () => redisStore(url!));
});
