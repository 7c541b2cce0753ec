// The HTTP server in front of Next (`npm start`, `npm run dev`, the e2e server). Route handlers
// only see headers, never the socket, so this is where the client address is decided: from the
// TCP peer and TRUST_PROXY (lib/client-address.mjs), written into one internal header that
// replaces anything a client sent under that name. `--dev` serves `next dev`.
import { createServer } from "node:http";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { CLIENT_IP_HEADER, clientAddress, parseTrustProxy } from "../lib/client-address.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const dev = process.argv.includes("--dev");
const port = Number(process.env.PORT || 3000);

let trust;
try {
  trust = parseTrustProxy(process.env.TRUST_PROXY);
} catch (error) {
  console.error(`Invalid settings:\n  ${error.message}`);
  process.exit(1);
}

// Set before Next loads, as `next start` / `next dev` do.
process.env.NODE_ENV ??= dev ? "development" : "production";
const { default: next } = await import("next");
const app = next({ dev, dir: root, port, hostname: "localhost" });
await app.prepare();
const handle = app.getRequestHandler();

const server = createServer((req, res) => {
  const address = clientAddress(req.socket.remoteAddress, req.headers["x-forwarded-for"], trust);
  if (address) req.headers[CLIENT_IP_HEADER] = address;
  else delete req.headers[CLIENT_IP_HEADER];
  handle(req, res).catch((error) => {
    console.error(`Request failed: ${error?.message ?? error}`);
    if (!res.headersSent) res.writeHead(500).end();
  });
});
server.listen(port, () => {
  const how = trust.kind === "off" ? "TCP peer (TRUST_PROXY off)" : `X-Forwarded-For past ${trust.kind === "hops" ? `${trust.hops} proxy hop(s)` : "the trusted proxies"}`;
  console.log(`PAT console ready on http://localhost:${port} (${dev ? "development" : "production"}; client address from the ${how})`);
});
for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, () => {
    server.close();
    process.exit(0);
  });
}
