// How a permission or scope reads everywhere, on the server and in the browser (pure, no
// imports): "tokens:read", or "tokens:read:<id>" when it is bound to one entity id.
export const WILDCARD_ID = "*";

export function scopeLabel(scope: { entity: string; operation: string; entityId?: string | null }): string {
  const id = scope.entityId && scope.entityId !== WILDCARD_ID ? `:${scope.entityId}` : "";
  return `${scope.entity}:${scope.operation}${id}`;
}

/** The inverse of scopeLabel: "channels:publish:news" -> its parts (entityId only when bound to one id).
 * It does not check the catalogue: callers hand it labels they or the catalogue wrote. */
export function parseScopeLabel(label: string): { entity: string; operation: string; entityId?: string } {
  const [entity, operation = "", ...rest] = label.split(":");
  const entityId = rest.join(":");
  return { entity, operation, entityId: entityId && entityId !== WILDCARD_ID ? entityId : undefined };
}
