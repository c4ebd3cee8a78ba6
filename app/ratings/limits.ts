// The rating forms' limits, free of zod, so the pages' browser code can use them without the schemas.
export const COMMENT_MAX = 1000;

/** Characters of an admin's reason for hiding a review's text. */
export const HIDE_REASON_MAX = 500;
