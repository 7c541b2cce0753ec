import type { Metadata } from "next";
import { headers } from "next/headers";
import { ApiReference } from "@/components/docs/api-reference";
import { PageHeader } from "@/components/ui/page-header";
import { requireUser } from "@/lib/auth/guards";
import { OPENAPI_PATH } from "@/lib/openapi";

export const metadata: Metadata = { title: "API reference" };

export default async function DocsPage() {
  await requireUser();
  // proxy.ts put this response's policy on the request: its nonce lets the reference's script in.
  const nonce = (await headers()).get("content-security-policy")?.match(/'nonce-([^']+)'/)?.[1];
  return (
    <>
      <PageHeader
        title="API reference"
        description={
          <>
            Every route of the console&apos;s API and its OAuth endpoints, from the OpenAPI document{" "}
            <a href={OPENAPI_PATH} className="font-medium text-indigo-600 hover:underline dark:text-indigo-400">
              {OPENAPI_PATH}
            </a>
            . Call them with a token as Bearer, Basic or X-Personal-Token (curl examples for each).
          </>
        }
      />
      <ApiReference documentUrl={OPENAPI_PATH} nonce={nonce} />
    </>
  );
}
