// A real OpenLDAP (Debian's slapd) on a loopback port, configured from scratch in a temp
// folder with a few people and an admin group. Started by the LDAP tests, stopped after.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { connect, createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

export const SLAPD = ["/usr/sbin/slapd", "/usr/libexec/slapd"].find((p) => existsSync(p));
export const BASE_DN = "dc=example,dc=test";
export const BIND = { dn: `cn=reader,${BASE_DN}`, password: "reader-secret" };
export const ADMIN_GROUP = `cn=pat-admins,ou=groups,${BASE_DN}`;
export const PEOPLE = {
  alice: { mail: "alice@ldap.test", password: "alice-password", cn: "Alice Liddell", admin: true },
  bob: { mail: "bob@ldap.test", password: "bob-password", cn: "Bob Builder", admin: false },
};

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

const ldif = () => `dn: ${BASE_DN}
objectClass: dcObject
objectClass: organization
o: Example
dc: example

dn: ${BIND.dn}
objectClass: organizationalRole
objectClass: simpleSecurityObject
cn: reader
userPassword: ${BIND.password}

dn: ou=people,${BASE_DN}
objectClass: organizationalUnit
ou: people

dn: ou=groups,${BASE_DN}
objectClass: organizationalUnit
ou: groups
${Object.entries(PEOPLE)
  .map(
    ([uid, p]) => `
dn: uid=${uid},ou=people,${BASE_DN}
objectClass: inetOrgPerson
uid: ${uid}
cn: ${p.cn}
sn: ${p.cn.split(" ")[1]}
displayName: ${p.cn}
mail: ${p.mail}
userPassword: ${p.password}
`,
  )
  .join("")}
dn: ${ADMIN_GROUP}
objectClass: groupOfNames
cn: pat-admins
${Object.entries(PEOPLE)
  .filter(([, p]) => p.admin)
  .map(([uid]) => `member: uid=${uid},ou=people,${BASE_DN}`)
  .join("\n")}
`;

export type Directory = { url: string; stop: () => Promise<void> };

export async function startDirectory(): Promise<Directory> {
  if (!SLAPD) throw new Error("slapd is not installed (apt-get install slapd ldap-utils); npm test installs it when run as root");
  const dir = mkdtempSync(join(tmpdir(), "pat-ldap-"));
  mkdirSync(join(dir, "db"));
  const conf = join(dir, "slapd.conf");
  writeFileSync(
    conf,
    `include /etc/ldap/schema/core.schema
include /etc/ldap/schema/cosine.schema
include /etc/ldap/schema/inetorgperson.schema
modulepath /usr/lib/ldap
moduleload back_mdb
pidfile ${dir}/slapd.pid
database mdb
maxsize 10485760
suffix "${BASE_DN}"
rootdn "cn=root,${BASE_DN}"
rootpw root-secret
directory ${dir}/db
access to attrs=userPassword by self read by anonymous auth by * none
access to * by dn.exact="${BIND.dn}" read by self read by * none
`,
  );
  writeFileSync(join(dir, "data.ldif"), ldif());
  const add = spawnSync("/usr/sbin/slapadd", ["-f", conf, "-l", join(dir, "data.ldif")], { encoding: "utf8" });
  if (add.status !== 0) throw new Error(`slapadd failed: ${add.stderr}`);
  const port = await freePort();
  const url = `ldap://127.0.0.1:${port}`;
  const child: ChildProcess = spawn(SLAPD, ["-f", conf, "-h", `${url}/`, "-d", "0"], { stdio: "ignore" });
  for (let i = 0; i < 100; i++) {
    const ok = await new Promise<boolean>((resolve) => {
      const socket = connect(port, "127.0.0.1");
      socket.once("connect", () => (socket.destroy(), resolve(true)));
      socket.once("error", () => resolve(false));
    });
    if (ok) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    stop: async () => {
      child.kill("SIGTERM");
      await new Promise((r) => child.once("exit", r));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
