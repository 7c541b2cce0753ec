// LDAP sign-in: find the user's entry with a service bind, then bind as that entry with the
// password given. Timeouts everywhere: a slow or dead directory answers "unavailable", never
// a hang. Removing someone from the directory takes effect at their next sign-in; disabling
// them in the console takes effect at once (their tokens too).
import { Client, EqualityFilter } from "ldapts";
import { loadEnv, type LdapConfig } from "@/lib/env";
import { upsertLdapUser, type DirectoryUser } from "@/lib/users/service/upsert-ldap-user";

const TIMEOUT_MS = 5000;

export type { LdapConfig, DirectoryUser };
// The console user behind a directory sign-in is written by the users service.
export { upsertLdapUser };

/** The LDAP settings (lib/env.ts, checked at start), or null when LDAP_URL is unset. */
export const ldapConfig = (): LdapConfig | null => loadEnv().ldap;

export class DirectoryUnavailableError extends Error {
  constructor() {
    super("LdapUnavailable"); // next-auth passes this code to the login page
  }
}

/** RFC 4515: an email can't change the filter's meaning. */
const filterFor = (config: LdapConfig, email: string) =>
  config.LDAP_USER_FILTER.replaceAll("{{email}}", new EqualityFilter({ attribute: "x", value: email }).escape(email));


const first = (v: unknown): string | undefined => (Array.isArray(v) ? first(v[0]) : typeof v === "string" ? v : Buffer.isBuffer(v) ? v.toString() : undefined);

/** Returns the directory entry when the password is right, null when not; throws when the directory can't be reached. */
export async function ldapAuthenticate(config: LdapConfig, email: string, password: string): Promise<DirectoryUser | null> {
  if (!password) return null; // an empty password would be an anonymous bind
  const client = new Client({ url: config.LDAP_URL, timeout: TIMEOUT_MS, connectTimeout: TIMEOUT_MS });
  try {
    try {
      if (config.LDAP_BIND_DN) await client.bind(config.LDAP_BIND_DN, config.LDAP_BIND_PASSWORD ?? "");
      const { searchEntries } = await client.search(config.LDAP_BASE_DN, {
        scope: "sub",
        filter: filterFor(config, email),
        attributes: ["mail", "cn", "displayName"],
        sizeLimit: 2,
      });
      if (searchEntries.length !== 1) return null;
      const entry = searchEntries[0];
      let admin = false;
      if (config.LDAP_ADMIN_GROUP) {
        const escaped = new EqualityFilter({ attribute: "x", value: entry.dn }).escape(entry.dn);
        const groups = await client.search(config.LDAP_ADMIN_GROUP, { scope: "base", filter: `(|(member=${escaped})(uniqueMember=${escaped}))`, attributes: ["dn"] });
        admin = groups.searchEntries.length > 0;
      }
      const userClient = new Client({ url: config.LDAP_URL, timeout: TIMEOUT_MS, connectTimeout: TIMEOUT_MS });
      try {
        await userClient.bind(entry.dn, password);
      } catch (error) {
        if ((error as { code?: number }).code === 49) return null; // invalidCredentials
        throw error;
      } finally {
        await userClient.unbind().catch(() => undefined);
      }
      return {
        dn: entry.dn,
        email: (first(entry.mail) ?? email).toLowerCase(),
        name: first(entry.displayName) ?? first(entry.cn) ?? email,
        admin,
      };
    } catch {
      // Unreachable, timed out, or the service bind refused: none of it is the user's fault.
      throw new DirectoryUnavailableError();
    }
  } finally {
    await client.unbind().catch(() => undefined);
  }
}
