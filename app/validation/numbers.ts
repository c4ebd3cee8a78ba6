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
  if (!DECIMAL.test(trimmed)) return Number.NaN;
  const value = Number(trimmed);
  // A fraction too fine for a double is still a fraction: "30.0000000000000001" read as 30, and a
  // whole-number field stored it (an outside probe). Read a few units in the last place off, a
  // whole-number field refuses it as a fraction, and a decimal one (a latitude) reads it as typed, to
  // within a double's precision (half a unit off moved a latitude 55 km: a review).
  return Number.isInteger(value) && fractionDigits(trimmed) !== ""
    ? value + Math.sign(value || 1) * Math.max(1, Math.abs(value)) * 4 * Number.EPSILON
    : value;
}

/** The digits of a decimal text's fraction, trailing zeros left out: "30.50" → "5", "30.0" → "". */
export function fractionDigits(text: string): string {
  return /\.(\d*?)0*$/.exec(text)?.[1] ?? "";
}

/**
 * A number field's schema: `missing` for text that is no number, errors.formChanged for the field
 * posted twice (a hand-made or doubled post said "Enter a number": an outside probe), as text fields
 * do (text.ts).
 */
export const postedNumber = (missing = "errors.number") =>
  z.number({ error: (issue) => (Array.isArray(issue.input) ? "errors.formChanged" : missing) });

/**
 * `number` read from text, for values parsed without conform (a query string, a header): what
 * z.coerce.number() did, but plain decimal only. Forms get the same rule from their coercion
 * (form-coercion.ts).
 */
export const fromDecimal = <T extends z.ZodType>(number: T) =>
  z.preprocess((v) => (typeof v === "string" ? parseDecimal(v) : v), number);
