// Amounts of money as people type them, in yuan, stored in fen (whole hundredths of a yuan). A value
// with more than two decimals would be rounded on its way in: 0.004 became 0 fen, which broke an
// offer's "more than 0" rule in the database (a 500) after the form had passed it. Refused here
// instead, beside the field.
import type { z } from "zod";
import { fractionDigits, parseDecimal, postedNumber } from "./numbers";

/** The most any one price or budget may be, in yuan. */
export const MAX_YUAN = 100_000;

/** Whether `yuan` is a whole number of fen (to within floating point: 0.1 + 0.2 is fine). */
export function isWholeFen(yuan: number): boolean {
  return Math.abs(yuan * 100 - Math.round(yuan * 100)) < 1e-6;
}

/** Yuan to fen, for storing. Only for amounts `yuan()` accepted. */
export function toFen(yuan: number): number {
  return Math.round(yuan * 100);
}

/**
 * The amount an amount field's text spells, as people write money: "200", "¥200", "￥200", "200元",
 * "200 块", "RMB 200" (a budget typed "¥200" was refused with "Enter a number": a phone walk). The
 * number itself in plain decimal notation only (numbers.ts); NaN otherwise.
 */
export function parseYuan(text: string): number {
  const bare = text
    .normalize("NFKC")
    .trim()
    .replace(/^(?:¥|rmb|cny|人民币)\s*/i, "")
    .replace(/\s*(?:元|块钱?|rmb|cny)$/i, "");
  const value = parseDecimal(bare);
  // More than two decimals are refused for their decimals however close to whole fen they come:
  // ¥99.999999999 was within isWholeFen's tolerance, and an offer saved it as ¥100 (an outside probe).
  // Read half a fen off, the schema refuses it (errors.priceFen).
  return fractionDigits(bare).length > 2 && isWholeFen(value) ? value + 0.005 : value;
}

/** The schemas yuan() made: form coercion reads their text with parseYuan (form-coercion.ts). */
export const amountSchemas = new WeakSet<z.ZodType>();

/**
 * An amount in yuan above 0 and up to MAX_YUAN, with at most two decimals; `zeroError` for 0 or less.
 * Above 0, not from ¥0.01: ¥0.004 was told it "must be more than ¥0" besides its decimals (an outside
 * probe); it is refused for its decimals alone.
 */
export function yuan({ zeroError }: { zeroError: string }) {
  const schema = postedNumber()
    .positive({ error: zeroError })
    .max(MAX_YUAN, { error: "errors.priceHigh" })
    // Whole fen, and at least one: ¥0.000000001 is above 0 and within isWholeFen's tolerance of 0 fen,
    // which the database's checks refuse (a 500) or a carer's price takes as free (a review).
    .refine((v) => v <= 0 || (isWholeFen(v) && toFen(v) > 0), { error: "errors.priceFen" });
  amountSchemas.add(schema);
  return schema;
}
