// What an admin types to find someone (part of a name, email or phone number), as LIKE patterns: the
// typed %, _ and \ match themselves, not any text.

/** `%text%`, with LIKE's wildcards in the text escaped. */
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** The digits of a phone number as typed ("138 6666-0001", "+86 138…"), or null when it is not one. */
export function phoneDigits(text: string): string | null {
  const digits = text.replace(/[\s()+-]/g, "");
  return /^\d{3,}$/.test(digits) ? digits : null;
}
