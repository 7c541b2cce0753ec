// lib/env.ts is the one settings module: the LDAP settings and the entity catalog's file are
// checked with the others when the server starts, not at the first sign-in or catalog read;
// so is the number of workers.
import { availableParallelism } from "node:os";
import { describe, expect, it } from "vitest";
import { loadEnv } from "@/lib/env";

const env = (vars: Record<string, string>) => loadEnv(vars as NodeJS.ProcessEnv);

describe("settings (lib/env.ts)", () => {
  it("a bad LDAP setting stops the start with the variable's name", () => {
    expect(() => env({ LDAP_URL: "http://directory.example" })).toThrow(/Invalid settings:[\s\S]*LDAP_URL must look like ldap:\/\//);
    expect(() => env({ LDAP_URL: "ldap://directory.example:389" })).toThrow(/LDAP_BASE_DN/);
    expect(() => env({ LDAP_URL: "ldap://d:389", LDAP_BASE_DN: "dc=example", LDAP_USER_FILTER: "(uid=x)" })).toThrow(/LDAP_USER_FILTER must contain \{\{email\}\}/);
  });

  it("LDAP is off without LDAP_URL, and its settings are parsed (with the filter's default) with it", () => {
    expect(env({}).ldap).toBeNull();
    expect(env({ LDAP_URL: "ldaps://d:636", LDAP_BASE_DN: "dc=example" }).ldap).toEqual({
      LDAP_URL: "ldaps://d:636",
      LDAP_BASE_DN: "dc=example",
      LDAP_USER_FILTER: "(mail={{email}})",
    });
  });

  it("the entity catalog's file comes from PAT_ENTITIES_FILE", () => {
    expect(env({}).entitiesFile).toBeUndefined();
    expect(env({ PAT_ENTITIES_FILE: "/etc/pat/entities.json" }).entitiesFile).toBe("/etc/pat/entities.json");
  });

  it("WEB_CONCURRENCY: 1 on SQLite, one per core on PostgreSQL, or a whole number 1-64", () => {
    expect(env({}).webConcurrency).toBe(1);
    expect(env({ DATABASE_URL: "file:./data/x.db" }).webConcurrency).toBe(1);
    expect(env({ DATABASE_URL: "postgresql://u@h/db" }).webConcurrency).toBe(Math.min(64, availableParallelism()));
    expect(env({ WEB_CONCURRENCY: "3" }).webConcurrency).toBe(3);
    expect(env({ DATABASE_URL: "postgresql://u@h/db", WEB_CONCURRENCY: "1" }).webConcurrency).toBe(1);
    for (const bad of ["0", "65", "2.5", "two", "-1"]) {
      expect(() => env({ WEB_CONCURRENCY: bad })).toThrow(/WEB_CONCURRENCY must be a whole number of workers \(1-64\)/);
    }
  });

  it("a single process runs the background jobs; a worker told PAT_WORKER_JOBS=0 does not", () => {
    expect(env({}).runsJobs).toBe(true);
    expect(env({ PAT_WORKER_JOBS: "1" }).runsJobs).toBe(true);
    expect(env({ PAT_WORKER_JOBS: "0" }).runsJobs).toBe(false);
  });
});
