import { NextResponse } from "next/server";
import { withAuth } from "@/lib/auth/with-auth";
import { getCatalog, OPERATIONS } from "@/lib/permissions/catalog";
import { grantable } from "@/lib/permissions/check";

export const GET = withAuth("GET /api/v1/permissions/catalog", async (_req, { user }) => {
  const catalog = getCatalog();
  const mine = new Map(grantable(catalog, user.roles).map((g) => [g.entity, g.operations]));
  return NextResponse.json({
    operations: OPERATIONS,
    entities: catalog.entities.map((e) => ({ ...e, grantable: mine.get(e.name) ?? [] })),
  });
});
