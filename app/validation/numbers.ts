// Bounds of the database's number columns, for schemas shared with the browser: a number that passes
// a schema must fit where it is stored, or the statement fails (a 500) after the input was accepted.

/** The largest value of a PostgreSQL integer column (a conversation's message numbers, `messages.seq`). */
export const INT4_MAX = 2_147_483_647;

/** The latest moment a JavaScript Date can hold, in milliseconds since 1970; past it a Date is invalid. */
export const MAX_DATE_MS = 8.64e15;
