// The one wrapper that turns an operation's declaration into a Next route handler: withAuth
// (or nothing, for a public operation), the input parsed through its zod schemas (params,
// then query, then body: bad input is a 4xx, never a 500), the operation's run, and the
// answer sent through its declared response schema, so only listed fields ever leave.
import type { NextRequest } from "next/server";
import { z } from "zod";
import { withAuth } from "@/lib/auth/with-auth";
import { oauthErrorResponse } from "@/lib/authority/oauth-errors";
import { errorResponse, notFound } from "@/lib/errors";
import { clientIp, parseBody, parseFormOrJson, parseParams, parseQuery } from "@/lib/http";
import { annotateRequest } from "@/lib/observability/request-context";
import { idParams } from "@/lib/schemas/common";
import { pathParams, type ApiOperation, type Reply, type Responses } from "./operation";

type RouteContext = { params: Promise<Record<string, string | string[]>> };
export type RouteHandler = (req: NextRequest, ctx: RouteContext) => Promise<Response>;
/** A public operation's handler needs no route context (and a bodiless GET not even a request). */
export type PublicRouteHandler = (req?: NextRequest, ctx?: RouteContext) => Promise<Response>;

/** Every `:name` of the path an id, unless the operation declares its params. */
function paramsSchema(op: ApiOperation): z.ZodType {
  if (op.input?.params) return op.input.params;
  return z.object(Object.fromEntries(pathParams(op.path).map((name) => [name, idParams.shape.id])));
}

async function readInput(op: ApiOperation, req: NextRequest, params: Record<string, string>) {
  const input = op.input ?? {};
  const parsedParams = pathParams(op.path).length || input.params ? parseParams(params, paramsSchema(op)) : {};
  const query = input.query ? parseQuery(req, input.query) : undefined;
  let body: unknown;
  if (input.body) body = input.form ? await parseFormOrJson(req, input.body) : await parseBody(req, input.body, { optional: input.optionalBody });
  return { params: parsedParams as Record<string, string>, query, body } as never;
}

/** The operation's answer, through the response schema of its status. */
function send(op: ApiOperation, reply: Reply<Responses>): Response {
  const declared = Object.keys(op.responses).map(Number);
  const status = reply.status ?? (declared.length === 1 ? declared[0] : undefined);
  const spec = status === undefined ? undefined : op.responses[status];
  if (!spec) throw new Error(`${op.key} answered ${reply.status ?? "without a status"}, which it does not declare`);
  const init = { status, headers: reply.headers };
  if (spec.schema) {
    const parsed = spec.schema.safeParse(reply.body);
    // A server bug, not bad input: a 500 (never the zod error, which a 400 would pass on).
    if (!parsed.success) throw new Error(`${op.key} ${status}: the answer does not match its response schema`);
    // A plain Response: NextResponse's cookie and URL helpers are not needed here, and cost per answer.
    return Response.json(parsed.data, init);
  }
  if (spec.text) return new Response(reply.body as unknown as string, init);
  return new Response(null, init);
}

function build(op: ApiOperation): PublicRouteHandler | RouteHandler {
  const onError = op.errors === "oauth" ? oauthErrorResponse : errorResponse;
  let handler: RouteHandler;
  if (op.permission === "public") {
    const { run, before } = op;
    handler = async (req?: NextRequest) => {
      annotateRequest({ route: op.key }); // the request's log line and metrics (server/observe.ts)
      try {
        const ip = req ? clientIp(req.headers) : null; // discovery documents may be called bare (GET())
        await before?.({ req, ip });
        const input = await readInput(op, req!, {});
        return send(op, await run({ req, ip, input }));
      } catch (error) {
        return onError(error);
      }
    };
  } else {
    const { run, before, prepare } = op;
    const guarded: RouteHandler = withAuth(
      { route: op.key, permission: op.permission },
      async (req, caller) => {
        await before?.({ req, caller });
        return send(op, await run({ req, caller, input: await readInput(op, req, caller.params) }));
      },
      onError,
    );
    handler = !prepare
      ? guarded
      : async (req, ctx) => {
          let request: NextRequest;
          try {
            request = await prepare(req);
          } catch (error) {
            return onError(error);
          }
          return guarded(request, ctx);
        };
  }
  const { enabled } = op;
  if (!enabled) return handler;
  return (req: NextRequest, ctx: RouteContext) => (enabled() ? handler(req, ctx) : Promise.resolve(errorResponse(notFound("API route"))));
}

const built = new WeakMap<ApiOperation, PublicRouteHandler | RouteHandler>();

/** The route handler of an operation (one per declaration: the route file and the tests share it). */
export function handlerOf<O extends ApiOperation>(op: O): O["permission"] extends "public" ? PublicRouteHandler : RouteHandler {
  let handler = built.get(op);
  if (!handler) built.set(op, (handler = build(op)));
  return handler as never;
}
