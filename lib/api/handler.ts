// The one wrapper that turns an operation's declaration into a Next route handler: withAuth
// (or nothing, for a public operation), the input parsed through its zod schemas (params,
// then query, then body: bad input is a 4xx, never a 500), the operation's run, and the
// answer sent through its declared response schema, so only listed fields ever leave.
import { z } from "zod";
import { fromFetchRequest, jsonReply, toResponse, typed, type ApiReply, type ApiRequest } from "@/lib/api-request";
import { withAuth } from "@/lib/auth/with-auth";
import { oauthErrorReply } from "@/lib/authority/oauth-errors";
import { errorReply, notFound } from "@/lib/errors";
import { clientIp, parseBody, parseFormOrJson, parseParams, parseQuery } from "@/lib/http";
import { annotateRequest } from "@/lib/observability/request-context";
import { idParams } from "@/lib/schemas/common";
import { pathParams, type ApiOperation, type Reply, type Responses } from "./operation";

type RouteContext = { params: Promise<Record<string, string | string[]>> };
export type RouteHandler = (req: Request, ctx: RouteContext) => Promise<Response>;
/** A public operation's handler needs no route context (and a bodiless GET not even a request). */
export type PublicRouteHandler = (req?: Request, ctx?: RouteContext) => Promise<Response>;
/** An operation as the server's lane runs it (server/lane.ts): the request and the path's
 * parameters in, the answer out, no Fetch API on the way. */
export type OperationHandler = (req: ApiRequest, params: Record<string, string>) => Promise<ApiReply>;

/** Every `:name` of the path an id, unless the operation declares its params; null: the path
 * has none. Made once per operation (building a zod object per request costs more than parsing). */
function paramsSchema(op: ApiOperation): z.ZodType | null {
  if (op.input?.params) return op.input.params;
  const names = pathParams(op.path);
  return names.length ? z.object(Object.fromEntries(names.map((name) => [name, idParams.shape.id]))) : null;
}

async function readInput(op: ApiOperation, paramsShape: z.ZodType | null, req: ApiRequest, params: Record<string, string>) {
  const input = op.input ?? {};
  const parsedParams = paramsShape ? parseParams(params, paramsShape) : {};
  const query = input.query ? parseQuery(req, input.query) : undefined;
  let body: unknown;
  if (input.body) body = input.form ? await parseFormOrJson(req, input.body) : await parseBody(req, input.body, { optional: input.optionalBody });
  return { params: parsedParams as Record<string, string>, query, body } as never;
}

/** The operation's answer, through the response schema of its status. */
function send(op: ApiOperation, reply: Reply<Responses>): ApiReply {
  const declared = Object.keys(op.responses).map(Number);
  const status = reply.status ?? (declared.length === 1 ? declared[0] : undefined);
  const spec = status === undefined ? undefined : op.responses[status];
  if (status === undefined || !spec) throw new Error(`${op.key} answered ${reply.status ?? "without a status"}, which it does not declare`);
  if (spec.schema) {
    const parsed = spec.schema.safeParse(reply.body);
    // A server bug, not bad input: a 500 (never the zod error, which a 400 would pass on).
    if (!parsed.success) throw new Error(`${op.key} ${status}: the answer does not match its response schema`);
    return jsonReply(status, parsed.data, reply.headers);
  }
  // A text body is plain text unless the operation says its type (as a Fetch Response would).
  if (spec.text) return { status, headers: typed(reply.headers, "text/plain;charset=UTF-8"), body: reply.body as unknown as string };
  return { status, headers: { ...reply.headers }, body: null };
}

function build(op: ApiOperation): OperationHandler {
  const onError = op.errors === "oauth" ? oauthErrorReply : errorReply;
  const paramsShape = paramsSchema(op);
  let handler: OperationHandler;
  if (op.permission === "public") {
    const { run, before } = op;
    handler = async (req) => {
      annotateRequest({ route: op.key }); // the request's log line and metrics (server/observe.ts)
      try {
        const ip = clientIp(req.headers);
        await before?.({ req, ip });
        const input = await readInput(op, paramsShape, req, {});
        return send(op, await run({ req, ip, input }));
      } catch (error) {
        return onError(error);
      }
    };
  } else {
    const { run, before, prepare } = op;
    const guarded = withAuth(
      { route: op.key, permission: op.permission },
      async (req, caller) => {
        await before?.({ req, caller });
        return send(op, await run({ req, caller, input: await readInput(op, paramsShape, req, caller.params) }));
      },
      onError,
    );
    handler = !prepare
      ? guarded
      : async (req, params) => {
          let request: ApiRequest;
          try {
            request = await prepare(req);
          } catch (error) {
            return onError(error);
          }
          return guarded(request, params);
        };
  }
  const { enabled } = op;
  if (!enabled) return handler;
  return (req, params) => (enabled() ? handler(req, params) : Promise.resolve(errorReply(notFound("API route"))));
}

const operationHandlers = new WeakMap<ApiOperation, OperationHandler>();

/** The handler of an operation (one per declaration: the lane, the route file and the tests share it). */
export function operationHandler(op: ApiOperation): OperationHandler {
  let handler = operationHandlers.get(op);
  if (!handler) operationHandlers.set(op, (handler = build(op)));
  return handler;
}

/** A bare call (a discovery document's GET()): no header, no body. */
const NO_HEADERS = { get: () => null };

/** The path's parameters as the operation takes them: a catch-all's segments joined by "/". */
async function routeParams(ctx: RouteContext | undefined): Promise<Record<string, string>> {
  const raw = (await ctx?.params) ?? {};
  return Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, Array.isArray(v) ? v.join("/") : v]));
}

const built = new WeakMap<ApiOperation, RouteHandler>();

/** The Next route handler of an operation: its handler, adapted to the Fetch API. */
export function handlerOf<O extends ApiOperation>(op: O): O["permission"] extends "public" ? PublicRouteHandler : RouteHandler {
  let handler = built.get(op);
  if (!handler) {
    const run = operationHandler(op);
    const adapted: PublicRouteHandler = async (req, ctx) =>
      toResponse(await run(req ? fromFetchRequest(req) : { method: op.method, url: op.path, headers: NO_HEADERS, body: null }, await routeParams(ctx)));
    built.set(op, (handler = adapted));
  }
  return handler as never;
}
