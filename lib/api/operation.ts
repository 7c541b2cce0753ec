// One declaration per API operation: its method, path, permission, input and response schemas,
// the words of the API reference, and the function that runs it. Everything else is derived
// from the list in lib/api/operations (the permission table, the OpenAPI document, the route
// handlers with their metric label, the authorisation matrix and the fuzz cases of the tests).
import type { z } from "zod";
import type { ApiRequest } from "@/lib/api-request";
import type { AuthContext } from "@/lib/auth/with-auth";
import type { Operation as PermissionOperation } from "@/lib/permissions/catalog";

export type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
/** `entity:operation`, checked by withAuth (for the path's :id when there is one). */
export type Permission = `${string}:${PermissionOperation}`;
export type Tag = "Tokens" | "Scopes" | "Me" | "Permissions" | "Users" | "Service accounts" | "Admin" | "Audit" | "Webhooks" | "Federation" | "OAuth" | "Discovery" | "Operations";

/** One answer: a JSON body that leaves through `schema` (unlisted fields are stripped), a text
 * body of the media type `text`, or (neither) an empty body. */
export type ResponseSpec = { description: string; schema?: z.ZodType; text?: string };
export type Responses = { [status: number]: ResponseSpec };

export type InputSpec = {
  /** Path parameters; left out, every `:name` of the path is an id (lib/schemas/common idParams). */
  params?: z.ZodType;
  query?: z.ZodType;
  /** The JSON body (form-encoded too when `form`); `optionalBody`: an empty body reads as {}. */
  body?: z.ZodType;
  /** What the reference shows when `body` reads loosely and the domain checks the fields itself. */
  documentedBody?: z.ZodType;
  optionalBody?: boolean;
  form?: boolean;
};

type Out<T> = T extends z.ZodType ? z.output<T> : undefined;
type ParamsOf<I extends InputSpec> = I["params"] extends z.ZodType ? z.output<I["params"]> : Record<string, string>;
export type Input<I extends InputSpec> = { params: ParamsOf<I>; query: Out<I["query"]>; body: Out<I["body"]> };

type BodyOf<R extends ResponseSpec> = ResponseSpec extends R ? unknown : R extends { schema: z.ZodType } ? z.input<R["schema"]> : R extends { text: string } ? string : null;
/** What `run` returns: the body (through its status's schema) and headers; `status` may be
 * left out when the operation declares one answer only. */
export type Reply<R extends Responses> = {
  status?: number;
  body: BodyOf<R[keyof R & number]>;
  headers?: Record<string, string>;
};

type Common<M extends Method, P extends string, I extends InputSpec, R extends Responses> = {
  method: M;
  path: P;
  tag: Tag;
  summary: string;
  description?: string;
  input?: I;
  responses: R;
  /** Errors as RFC 6749 `{ error, error_description }` (the OAuth endpoints) instead of `{ error: { code, message } }`. */
  errors?: "oauth";
  /** Curl example body for the API reference, when the schema alone can't say what a useful call is. */
  example?: Record<string, string | string[] | boolean>;
  /** False: the route is not served (404), e.g. the metrics when METRICS_PORT serves them instead. */
  enabled?(): boolean;
};

/** Called by a person or a token (withAuth): `permission` null means any authenticated caller. */
export type AuthedOperation<M extends Method = Method, P extends string = string, I extends InputSpec = InputSpec, R extends Responses = Responses> =
  Common<M, P, I, R> & {
    permission: Permission | null;
    /** Rewrites the request before authentication (introspection's client_secret_post). */
    prepare?(req: ApiRequest): Promise<ApiRequest>;
    /** Runs after the permission check, before the input is read (a caller check, a rate limit). */
    before?(ctx: { req: ApiRequest; caller: AuthContext }): unknown;
    run(ctx: { req: ApiRequest; caller: AuthContext; input: Input<I> }): Promise<Reply<R>>;
  };

/** No console authentication (the OAuth endpoints and discovery documents). */
export type PublicOperation<M extends Method = Method, P extends string = string, I extends InputSpec = InputSpec, R extends Responses = Responses> =
  Common<M, P, I, R> & {
    permission: "public";
    /** Runs before the input is read (a rate limit). */
    before?(ctx: { req: ApiRequest; ip: string | null }): unknown;
    run(ctx: { req: ApiRequest; ip: string | null; input: Input<I> }): Promise<Reply<R>>;
  };

/** Any declared operation, as the handler wrapper and the derived tables see it. */
export type ApiOperation = Common<Method, string, InputSpec, Responses> & {
  key: string;
  permission: Permission | null | "public";
  prepare?(req: ApiRequest): Promise<ApiRequest>;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- each declaration types its own context
  before?(ctx: any): unknown;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  run(ctx: any): Promise<{ status?: number; body: unknown; headers?: Record<string, string> }>;
};
type Keyed<M extends string, P extends string> = { key: `${M} ${P}` };

/** Declares an operation (the types check `run` against its input and responses). */
export function defineOperation<const M extends Method, const P extends string, const I extends InputSpec, const R extends Responses>(
  op: AuthedOperation<M, P, I, R>,
): AuthedOperation<M, P, I, R> & Keyed<M, P>;
export function defineOperation<const M extends Method, const P extends string, const I extends InputSpec, const R extends Responses>(
  op: PublicOperation<M, P, I, R>,
): PublicOperation<M, P, I, R> & Keyed<M, P>;
export function defineOperation(op: AuthedOperation | PublicOperation) {
  return { ...op, key: `${op.method} ${op.path}` };
}

/** The names of a path's parameters: "/api/v1/tokens/:id/scopes/:scopeId" -> ["id", "scopeId"]. */
export const pathParams = (path: string) => [...path.matchAll(/:(\w+)/g)].map((m) => m[1]);
