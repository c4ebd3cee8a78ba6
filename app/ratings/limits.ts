// The rating forms' limits, free of zod, so the pages' browser code can use them without the schemas.
export const COMMENT_MAX = 1000;
