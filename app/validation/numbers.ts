// Numbers as people type them: plain decimal notation only, optionally signed, with an optional
// fraction. Number() alone (conform's coercion, z.coerce.number) also reads hex ("0x10" is 16),
// exponents ("1e3"), "Infinity" and "" (as 0), none of which anyone means in a form or a URL.
// And the bounds of the database's number columns: a number that passes a schema must fit where it
// is stored, or the statement fails (a 500) after the input was accepted.
import { z } from "zod";

/** The largest value of a PostgreSQL integer column (a conversation's message numbers, `messages.seq`). */
export const INT4_MAX = 2_147_483_647;

/** The latest moment a JavaScript Date can hold, in milliseconds since 1970; past it a Date is invalid. */
export const MAX_DATE_MS = 8.64e15;

const DECIMAL = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;

/**
 * The number a text spells in plain decimal notation, or NaN (which z.number() refuses). Full-width
 * digits, sign and point typed with a Chinese IME ("１２０．５") read as their ASCII forms (NFKC).
 */
export function parseDecimal(text: string): number {
  const trimmed = text.normalize("NFKC").trim();
  return DECIMAL.test(trimmed) ? Number(trimmed) : Number.NaN;
}

/**
 * `number` read from text, for values parsed without conform (a query string, a header): what
 * z.coerce.number() did, but plain decimal only. Forms get the same rule from their coercion
 * (form-coercion.ts).
 */
export const fromDecimal = <T extends z.ZodType>(number: T) =>
  z.preprocess((v) => (typeof v === "string" ? parseDecimal(v) : v), number);
