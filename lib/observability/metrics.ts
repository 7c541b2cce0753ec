// Prometheus metrics (prom-client). The server bundle (server/) and the route code inside Next's
// bundle both import this module: two separate module instances in one process, so the
// registry and every metric live on globalThis (created by whichever side
// runs first): one set of counters per process, whoever counts or serves them.
// Labels are bounded: outcomes, limiter names, methods and route templates, never a raw path,
// an id or anything a client typed.
import cluster from "node:cluster";
import client from "prom-client";

/** Every outcome a token verification can have (pre-set to 0 so each one shows from the start).
 * ok..disabled: what checkToken decided (lib/tokens/service/verify.ts); scope and ip: a verified token
 * refused afterwards, for lacking the route's permission or calling from an address its
 * allowlist does not hold. */
export const VERIFICATION_OUTCOMES = ["ok", "malformed", "unknown", "expired", "revoked", "disabled", "unapproved", "scope", "ip"] as const;
export const SIGN_IN_METHODS = ["password", "ldap", "sso"] as const;

const KEY = Symbol.for("pat-console.metrics");

function createMetrics() {
  const registry = new client.Registry();
  client.collectDefaultMetrics({ register: registry, prefix: "pat_" });
  const registers = [registry];
  // One of several workers (WEB_CONCURRENCY): the primary sums every worker's registry for
  // METRICS_PORT (prom-client's AggregatorRegistry, asked over the cluster's IPC).
  // Constructing one is what makes prom-client answer the primary's requests in this worker.
  if (cluster.isWorker) {
    client.AggregatorRegistry.setRegistries([registry]);
    new client.AggregatorRegistry();
  }
  const metrics = {
    registry,
    verifications: new client.Counter({
      name: "pat_token_verifications_total",
      help: "Personal access token verifications by outcome (scope and ip: verified, then refused)",
      labelNames: ["outcome"],
      registers,
    }),
    verificationSeconds: new client.Histogram({
      name: "pat_token_verification_duration_seconds",
      help: "Time to verify a token (shape, hash, cache or database lookup, status checks)",
      buckets: [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1],
      registers,
    }),
    cacheLookups: new client.Counter({
      name: "pat_token_cache_lookups_total",
      help: "Token verification cache lookups, hit or miss",
      labelNames: ["result"],
      registers,
    }),
    rateLimited: new client.Counter({
      name: "pat_rate_limit_refusals_total",
      help: "Requests refused by a rate limit, by limiter",
      labelNames: ["limiter"],
      registers,
    }),
    signIns: new client.Counter({
      name: "pat_sign_ins_total",
      help: "Sign-ins by method and outcome",
      labelNames: ["method", "outcome"],
      registers,
    }),
    httpRequests: new client.Counter({
      name: "pat_http_requests_total",
      help: "HTTP requests by route template, method and status",
      labelNames: ["route", "method", "status"],
      registers,
    }),
    httpSeconds: new client.Histogram({
      name: "pat_http_request_duration_seconds",
      help: "HTTP request duration by route template",
      labelNames: ["route"],
      buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers,
    }),
    databaseErrors: new client.Counter({
      name: "pat_database_errors_total",
      help: "Database errors seen by the API: unavailable (answered 503) or the Prisma error code",
      labelNames: ["kind"],
      registers,
    }),
  };
  for (const outcome of VERIFICATION_OUTCOMES) metrics.verifications.inc({ outcome }, 0);
  for (const result of ["hit", "miss"]) metrics.cacheLookups.inc({ result }, 0);
  for (const method of SIGN_IN_METHODS) for (const outcome of ["success", "failure"]) metrics.signIns.inc({ method, outcome }, 0);
  metrics.databaseErrors.inc({ kind: "unavailable" }, 0);
  return metrics;
}

/** The process's metrics. */
export function metrics(): ReturnType<typeof createMetrics> {
  const g = globalThis as unknown as Record<symbol, ReturnType<typeof createMetrics> | undefined>;
  return (g[KEY] ??= createMetrics());
}

export function countVerification(outcome: (typeof VERIFICATION_OUTCOMES)[number]) {
  metrics().verifications.inc({ outcome });
}

export function observeVerification(seconds: number) {
  metrics().verificationSeconds.observe(seconds);
}

export function countCacheLookup(hit: boolean) {
  metrics().cacheLookups.inc({ result: hit ? "hit" : "miss" });
}

/** `limiter`: a limiter name of lib/rate-limit.ts, lowercase (signin, token_failures, oauth, user_create). */
export function countRateLimited(limiter: string) {
  metrics().rateLimited.inc({ limiter: limiter.toLowerCase() });
}

export function countSignIn(method: (typeof SIGN_IN_METHODS)[number], outcome: "success" | "failure") {
  metrics().signIns.inc({ method, outcome });
}

/** `kind`: "unavailable" or a Prisma error code such as P2002. */
export function countDatabaseError(kind: string) {
  metrics().databaseErrors.inc({ kind: /^(unavailable|P\d{4})$/.test(kind) ? kind : "other" });
}

/** `route`: a route template. */
export function observeHttpRequest(route: string, method: string, status: number, seconds: number) {
  const m = metrics();
  m.httpRequests.inc({ route, method, status: String(status) });
  m.httpSeconds.observe({ route }, seconds);
}

/** The exposition text and its content type. */
/** Every worker's metrics, summed (in the primary of a cluster: server/cluster.ts). */
export async function renderClusterMetrics(): Promise<{ contentType: string; body: string }> {
  const aggregator = new client.AggregatorRegistry();
  return { contentType: aggregator.contentType, body: await aggregator.clusterMetrics() };
}

export async function renderMetrics(): Promise<{ contentType: string; body: string }> {
  const { registry } = metrics();
  return { contentType: registry.contentType, body: await registry.metrics() };
}
