// A real OIDC issuer on loopback for the federation tests: its own RSA keys, a discovery
// document and a JWKS served over HTTP, and tokens shaped like GitHub Actions' and GitLab CI's.
// It can rotate its key, go down (500), hang (never answer) or redirect, and counts the fetches.
import { randomUUID } from "node:crypto";
import { createServer, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWK, type JWTPayload } from "jose";

type Key = { kid: string; privateKey: CryptoKey; publicJwk: JWK };
export type Mode = "up" | "down" | "hang" | "redirect";

async function newKey(alg = "RS256"): Promise<Key> {
  const { privateKey, publicKey } = await generateKeyPair(alg, { extractable: true });
  const kid = randomUUID().slice(0, 8);
  return { kid, privateKey, publicJwk: { ...(await exportJWK(publicKey)), kid, alg, use: "sig" } };
}

export class TestIssuer {
  url = "";
  fetches = 0;
  mode: Mode = "up";
  private server!: Server;
  private keys: Key[] = [];
  private hung: ServerResponse[] = [];

  static async start() {
    const issuer = new TestIssuer();
    issuer.keys = [await newKey()];
    issuer.server = createServer((req, res) => {
      issuer.fetches++;
      if (issuer.mode === "hang") return void issuer.hung.push(res);
      if (issuer.mode === "down") return void res.writeHead(500).end("down");
      if (issuer.mode === "redirect") return void res.writeHead(302, { location: "http://169.254.169.254/latest/meta-data" }).end();
      const json = (body: unknown) => res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(body));
      if (req.url === "/.well-known/openid-configuration") return json({ issuer: issuer.url, jwks_uri: `${issuer.url}/.well-known/jwks`, id_token_signing_alg_values_supported: ["RS256"] });
      if (req.url === "/.well-known/jwks") return json({ keys: issuer.keys.map((k) => k.publicJwk) });
      res.writeHead(404).end();
    });
    await new Promise<void>((resolve) => issuer.server.listen(0, "127.0.0.1", resolve));
    issuer.url = `http://127.0.0.1:${(issuer.server.address() as AddressInfo).port}`;
    return issuer;
  }

  get publicJwk() {
    return this.keys[this.keys.length - 1].publicJwk;
  }

  /** A new signing key, published beside the old ones. */
  async rotate() {
    this.keys.push(await newKey());
  }

  /** A key that signs but is not (yet) published. */
  unpublishedKey = () => newKey();

  /** Answer the requests left hanging, and go back up. */
  release() {
    this.mode = "up";
    for (const res of this.hung.splice(0)) res.writeHead(500).end();
  }

  async mint(claims: JWTPayload, options: { key?: Key; iat?: number; exp?: number; nbf?: number; iss?: string; jti?: string | null } = {}) {
    const key = options.key ?? this.keys[this.keys.length - 1];
    const now = Math.floor(Date.now() / 1000);
    const jwt = new SignJWT({ ...claims, ...(options.nbf !== undefined ? { nbf: options.nbf } : {}) })
      .setProtectedHeader({ alg: "RS256", kid: key.kid, typ: "JWT" })
      .setIssuer(options.iss ?? this.url)
      .setIssuedAt(options.iat ?? now)
      .setExpirationTime(options.exp ?? now + 300);
    if (options.jti !== null) jwt.setJti(options.jti ?? randomUUID());
    return jwt.sign(key.privateKey);
  }

  /** Claims as GitHub Actions puts them in a job's OIDC token. */
  static github(over: Record<string, unknown> = {}): JWTPayload {
    return {
      sub: "repo:acme/app:environment:prod",
      aud: "pat-console",
      ref: "refs/heads/main",
      sha: "a1b2c3",
      repository: "acme/app",
      repository_owner: "acme",
      repository_id: "123",
      run_id: "42",
      actor: "octocat",
      workflow: "deploy",
      event_name: "push",
      ref_type: "branch",
      environment: "prod",
      job_workflow_ref: "acme/app/.github/workflows/deploy.yml@refs/heads/main",
      runner_environment: "github-hosted",
      ...over,
    };
  }

  /** Claims as GitLab CI puts them in a job's id_token. */
  static gitlab(over: Record<string, unknown> = {}): JWTPayload {
    return {
      sub: "project_path:acme/app:ref_type:branch:ref:main",
      aud: "pat-console",
      namespace_id: "7",
      namespace_path: "acme",
      project_id: "99",
      project_path: "acme/app",
      user_login: "ci-user",
      pipeline_id: "1001",
      pipeline_source: "push",
      job_id: "5005",
      ref: "main",
      ref_type: "branch",
      ref_protected: "true",
      environment: "production",
      ...over,
    };
  }

  async stop() {
    this.release();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
