// Workload identity federation: presets for the CI systems people use, and the limits. Imports
// nothing (the admin page and the server both read it).

/** At most this many claim conditions on one policy; an exchange tries at most the oldest
 * MAX_POLICIES_PER_ISSUER enabled policies of its issuer. */
export const MAX_CONDITIONS = 20;
export const MAX_POLICIES_PER_ISSUER = 100;

/** A subject JWT may not live longer than this (its jti is kept until it expires). */
export const MAX_SUBJECT_TOKEN_SECONDS = 24 * 3600;

export const JWT_SUBJECT_TYPES = ["urn:ietf:params:oauth:token-type:jwt", "urn:ietf:params:oauth:token-type:id_token"] as const;

/** requested_token_type that asks for a personal access token instead of a JWT (where the policy allows). */
export const PAT_TOKEN_TYPE = "urn:pat-console:params:oauth:token-type:personal_access_token";

export type ConditionPreset = { claim: string; match: "exact" | "glob"; value: string; hint: string };
export type FederationPreset = { id: string; label: string; issuer: string; audienceHint: string; conditions: ConditionPreset[] };

/** The claims GitHub Actions and GitLab CI put in their OIDC tokens (see the README for a workflow). */
export const FEDERATION_PRESETS: FederationPreset[] = [
  {
    id: "github",
    label: "GitHub Actions",
    issuer: "https://token.actions.githubusercontent.com",
    audienceHint: "The audience your workflow asks for (core.getIDToken(audience))",
    conditions: [
      { claim: "repository", match: "exact", value: "acme/app", hint: "owner/repository" },
      { claim: "ref", match: "glob", value: "refs/heads/main", hint: "branch or tag ref, e.g. refs/tags/v*" },
      { claim: "environment", match: "exact", value: "prod", hint: "deployment environment" },
    ],
  },
  {
    id: "gitlab",
    label: "GitLab CI",
    issuer: "https://gitlab.com",
    audienceHint: "The aud of the job's id_tokens entry",
    conditions: [
      { claim: "project_path", match: "exact", value: "acme/app", hint: "group/project" },
      { claim: "ref", match: "glob", value: "main", hint: "branch or tag name" },
      { claim: "ref_protected", match: "exact", value: "true", hint: "only protected branches and tags" },
    ],
  },
];
