// Re-exports only: the scope verbs live in ./service (one verb a file).
export { addScope } from "./service/add-scope";
export { deleteAllScopes } from "./service/delete-all-scopes";
export { deleteScope } from "./service/delete-scope";
export { listScopes } from "./service/list-scopes";
