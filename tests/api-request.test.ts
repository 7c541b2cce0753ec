// The request the API's operations read (lib/api-request.ts) and the two ways it is made: from
// a Fetch Request (Next's route files, handlerOf) and from Node's request as the server's lane
// has it (server/lane.ts). Both must read alike: every header as Headers would say it, repeated
// ones included, the body under the same limits, and the operation's answer the same either way.
import { createServer, type IncomingHttpHeaders } from "node:http";
import { connect, type AddressInfo } from "node:net";
import { describe, expect, it } from "vitest";
import { fromFetchRequest, toResponse, withHeaders, type ApiReply } from "@/lib/api-request";
import { handlerOf, operationHandler } from "@/lib/api/handler";
import { introspectOp } from "@/lib/api/operations/oauth";
import { CLIENT_IP_HEADER } from "@/lib/client-address";
import { ApiError } from "@/lib/errors";
import { MAX_BODY_BYTES, readBodyBytes } from "@/lib/http";
import { laneRequest, nodeHeaders } from "@/server/lane";
import * as tokens from "@/app/api/v1/tokens/route";
import { call, createAdmin } from "./helpers";

/** The headers Node's parser makes of a raw request (what the lane reads). */
function parsedHeaders(head: string): Promise<IncomingHttpHeaders> {
  return new Promise((resolve, reject) => {
    const server = createServer((req, res) => {
      resolve(req.headers);
      res.end();
      server.close();
    });
    server.listen(0, "127.0.0.1", () => {
      const socket = connect((server.address() as AddressInfo).port, "127.0.0.1", () => socket.end(`${head}Content-Length: 0\r\nConnection: close\r\n\r\n`));
      socket.on("error", reject);
      socket.resume();
    });
  });
}

/** Headers made of Node's, as the lane used to build them (and as Next builds its own). */
function fetchHeaders(headers: IncomingHttpHeaders): Headers {
  const made = new Headers();
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    if (Array.isArray(value)) for (const v of value) made.append(name, v);
    else made.set(name, value);
  }
  return made;
}

const tooLarge = (error: unknown) => error instanceof ApiError && error.code === "payload_too_large";

describe("the lane's view of Node's request headers", () => {
  it("reads every header as Headers built from the same request would, repeated ones included", async () => {
    const raw = await parsedHeaders(
      "POST /api/v1/oauth/introspect HTTP/1.1\r\nHost: a.test\r\nAccept: text/plain\r\nAccept: application/json\r\nX-Thing: 1\r\nX-Thing: 2\r\n" +
        "Set-Cookie: a=1\r\nSet-Cookie: b=2\r\nAuthorization: Bearer one\r\nAuthorization: Bearer two\r\nCookie: a=1\r\nCookie: b=2\r\n" +
        "Content-Type: application/x-www-form-urlencoded\r\nUser-Agent: caf\xe9\r\n",
    );
    const lane = nodeHeaders(raw);
    const fetch = fetchHeaders(raw);
    for (const name of ["host", "accept", "x-thing", "set-cookie", "authorization", "cookie", "content-type", "user-agent", "content-length", "x-absent"]) {
      expect(lane.get(name), name).toBe(fetch.get(name));
    }
    expect(lane.get("x-thing")).toBe("1, 2");
    expect(lane.get("set-cookie")).toBe("a=1, b=2");
    expect(lane.get("authorization")).toBe("Bearer one"); // Node keeps the first of those it takes once
    expect(lane.get("x-absent")).toBeNull();
  });

  it("finds a header whatever the case of the name asked for", () => {
    expect(nodeHeaders({ "x-personal-token": "pat_x" }).get("X-Personal-Token")).toBe("pat_x");
  });
});

describe("a request with some headers replaced (client_secret_post)", () => {
  it("answers the replaced ones, by any case, and the others as they were, with the body it was given", () => {
    const req = fromFetchRequest(new Request("http://localhost/x?y=1", { method: "POST", headers: { authorization: "Bearer old", "user-agent": "ua" } }));
    const body = new TextEncoder().encode("token=t");
    const moved = withHeaders(req, { Authorization: "Basic new" }, body);
    expect(moved.headers.get("authorization")).toBe("Basic new");
    expect(moved.headers.get("AUTHORIZATION")).toBe("Basic new");
    expect(moved.headers.get("user-agent")).toBe("ua");
    expect(moved.body).toBe(body);
    expect([moved.method, moved.url]).toEqual(["POST", "http://localhost/x?y=1"]);
  });
});

describe("a body the server has read whole", () => {
  const of = (body: Uint8Array | null, headers: IncomingHttpHeaders = {}) => ({ headers: nodeHeaders(headers), body });

  it("is read up to the limit exactly, and refused one byte past it", async () => {
    expect((await readBodyBytes(of(Buffer.alloc(MAX_BODY_BYTES, 1)))).byteLength).toBe(MAX_BODY_BYTES);
    await expect(readBodyBytes(of(Buffer.alloc(MAX_BODY_BYTES + 1, 1)))).rejects.toSatisfy(tooLarge);
    await expect(readBodyBytes(of(Buffer.alloc(10, 1)), 9)).rejects.toSatisfy(tooLarge);
  });

  it("is refused by a declared Content-Length over the limit, and reads empty when there is none", async () => {
    await expect(readBodyBytes(of(Buffer.alloc(1), { "content-length": String(MAX_BODY_BYTES + 1) }))).rejects.toSatisfy(tooLarge);
    expect((await readBodyBytes(of(null))).byteLength).toBe(0);
  });
});

describe("an operation through the lane and through Next's route", () => {
  const FORM = "application/x-www-form-urlencoded";
  let address = 0;

  /** The same request both ways: the answers must be the same, headers included. */
  async function both(headers: Record<string, string>, body: string): Promise<ApiReply> {
    const from = `198.51.100.${++address}`;
    const all = { "content-type": FORM, [CLIENT_IP_HEADER]: from, ...headers };
    const viaLane = await operationHandler(introspectOp)(
      laneRequest({ method: "POST", url: "/api/v1/oauth/introspect", headers: Object.fromEntries(Object.entries(all).map(([k, v]) => [k.toLowerCase(), v])) }, Buffer.from(body)),
      {},
    );
    const res = await handlerOf(introspectOp)(new Request("http://localhost:3000/api/v1/oauth/introspect", { method: "POST", headers: { ...all, [CLIENT_IP_HEADER]: `${from}0` }, body }), { params: Promise.resolve({}) });
    expect(res.status).toBe(viaLane.status);
    expect(await res.text()).toBe(viaLane.body ?? "");
    const laneHeaders = toResponse(viaLane).headers;
    expect([...res.headers.keys()]).toEqual([...laneHeaders.keys()]);
    for (const [name, value] of res.headers) if (name !== "x-token-expires-at") expect(laneHeaders.get(name), name).toBe(value);
    return viaLane;
  }

  it("answers alike: a valid token, an unknown one, client_secret_post, a malformed credential, a body at and past the limit", async () => {
    const admin = await createAdmin();
    const created = await call(tokens.POST, "/x", { method: "POST", as: admin, body: { name: "caller", expiresIn: "30d", scopes: "all" } });
    const { secret, token } = created.json as { secret: string; token: { id: string } };
    const bearer = { authorization: `Bearer ${secret}` };

    const active = await both(bearer, new URLSearchParams({ token: secret }).toString());
    expect(active.status).toBe(200);
    expect(JSON.parse(active.body!)).toMatchObject({ active: true, token_id: token.id });
    expect(active.headers["X-Token-Expires-At"]).toMatch(/^\d{4}-\d\d-\d\dT/);

    expect(JSON.parse((await both(bearer, "token=pat_not_a_real_token_at_all")).body!)).toEqual({ active: false });
    const posted = await both({}, new URLSearchParams({ token: secret, client_secret: secret }).toString());
    expect(JSON.parse(posted.body!)).toMatchObject({ active: true });

    const malformed = await both({ authorization: "Bearer" }, "token=x");
    expect([malformed.status, JSON.parse(malformed.body!).error]).toEqual([400, "invalid_request"]);

    const pad = (size: number) => `token=${secret}&pad=${"x".repeat(size - `token=${secret}&pad=`.length)}`;
    expect((await both(bearer, pad(MAX_BODY_BYTES))).status).toBe(200);
    const over = await both(bearer, pad(MAX_BODY_BYTES + 1));
    expect([over.status, JSON.parse(over.body!).error]).toEqual([413, "invalid_request"]);
  });
});
