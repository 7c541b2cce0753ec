// Prisma 6 on its WebAssembly schema engine, for `migrate diff` only (schema to schema,
// no database is touched: the in-memory libsql adapter just satisfies the engine).
import { defineConfig } from "prisma/config";
import { PrismaLibSQL } from "@prisma/adapter-libsql";

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  async adapter() {
    return new PrismaLibSQL({ url: ":memory:" });
  },
});
