// Per-request context across the server bundle and Next's bundle: server/observe.ts starts
// each request inside an AsyncLocalStorage run (kept on globalThis: one for the process), and
// the app adds what only it knows (withAuth: the route template, the actor and the token id),
// which the request's log line and metrics then carry. Outside the server (tests calling
// handlers directly) there is no context and annotations are dropped.
import { AsyncLocalStorage } from "node:async_hooks";
import { randomUUID } from "node:crypto";

const KEY = Symbol.for("pat-console.request-context");

export type RequestContext = { requestId: string; route?: string; actorId?: string; tokenId?: string };

export function requestStorage(): AsyncLocalStorage<RequestContext> {
  const g = globalThis as unknown as Record<symbol, AsyncLocalStorage<RequestContext> | undefined>;
  return (g[KEY] ??= new AsyncLocalStorage());
}

export function currentRequest(): RequestContext | undefined {
  return requestStorage().getStore();
}

export function annotateRequest(fields: Partial<Omit<RequestContext, "requestId">>) {
  const context = currentRequest();
  if (context) Object.assign(context, fields);
}

const SANE_ID = /^[A-Za-z0-9._:-]{8,128}$/;

/** A caller's X-Request-Id when it is a sane id (8-128 of letters, digits and . _ : -), else a new UUID. */
export function requestIdFrom(incoming: unknown): string {
  return typeof incoming === "string" && SANE_ID.test(incoming) ? incoming : randomUUID();
}
