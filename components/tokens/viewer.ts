/** Who looks at the token pages: their own tokens get every action; admins may see everyone's. */
export type Viewer = { id: string; admin: boolean };
