// The input rules, in one place (docs/decisions/013-input-rules.md). Every schema builds its text,
// phone, email, time-zone and date fields from these blocks, so a rule changes here and nowhere else.
// Each block normalises first (Unicode NFC, trim, CRLF → LF), then validates:
// - NUL and invalid UTF-16 (lone surrogates) are refused everywhere;
// - single-line fields refuse every control character (C0, DEL, C1, line and paragraph separators),
//   bidi overrides, embeddings, isolates and marks, and a value made only of invisible characters;
// - multi-line fields allow line breaks and tabs, and refuse the rest of the above.
// Phone numbers and codes normalise further (NFKC, no spaces: normaliseDigits), for IME full-width digits.
// Shared by the browser (conform) and the server; messages are i18n keys. No zod-free page imports it.
import { z } from "zod";
import { dateTimeFormat } from "~/i18n/formatters";

/** C0 controls, DEL, C1 controls and the Unicode line/paragraph separators. */
const CONTROL = /[\p{Cc}\u2028\u2029]/u;
/** The same, but a line feed and a tab are text in a multi-line field. */
const CONTROL_MULTI = /(?![\n\t])[\p{Cc}\u2028\u2029]/u;
/** In a `u` regex a pair is one code point, so this finds only lone halves (invalid UTF-16). */
const LONE_SURROGATE = /[\uD800-\uDFFF]/u;
/** Bidi embeddings, overrides, isolates and marks: they make "\u202Egnp.exe" read as "exe.png". */
const BIDI = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/;
/**
 * Characters that draw nothing on their own: spaces of every kind, format characters (zero-width
 * space and joiners, word joiner, BOM, soft hyphen, tags, interlinear annotation), marks with nothing
 * to sit on (a combining accent, a variation selector), Unicode's default-ignorable ones (the Hangul
 * and Khmer fillers, the Mongolian selectors) and the blank Braille pattern. A listed few let
 * "\u2800", a tag or a lone accent through as a parent's address (an outside probe).
 */
const INVISIBLE = /[\s\p{Z}\p{Cf}\p{Mn}\p{Me}\p{Default_Ignorable_Code_Point}\u2800]/gu;

export const textError = {
  control: "validation.control",
  /** Where line breaks are allowed, the message names only what is not (an outside probe). */
  controlMultiLine: "validation.controlMultiLine",
  bidi: "validation.bidi",
  invisible: "validation.invisible",
  required: "errors.required",
  tooLong: "errors.tooLong",
} as const;

/**
 * The message for a value over `max` items or characters, with its limit for the page to say
 * ("Use at most 200 characters."): ErrorList (components/ui/field.tsx) reads the number after `?max=`.
 */
export const tooLongError = (max: number, key: string = textError.tooLong) => `${key}?max=${max}`;

/** NFC, and CRLF or a lone CR as LF. */
export function normaliseText(value: string): string {
  return value.normalize("NFC").replace(/\r\n?/g, "\n");
}

/** Nothing that could be seen: empty, or only spaces and invisible characters. */
export function isBlank(value: string): boolean {
  return value.replace(INVISIBLE, "") === "";
}

/** The first rule a single-line value breaks, or null. */
export function singleLineProblem(value: string): string | null {
  if (LONE_SURROGATE.test(value) || CONTROL.test(value)) return textError.control;
  if (BIDI.test(value)) return textError.bidi;
  if (value !== "" && isBlank(value)) return textError.invisible;
  return null;
}

/** The first rule a multi-line value breaks, or null. */
export function multiLineProblem(value: string): string | null {
  if (LONE_SURROGATE.test(value) || CONTROL_MULTI.test(value)) return textError.controlMultiLine;
  if (BIDI.test(value)) return textError.bidi;
  if (value !== "" && isBlank(value)) return textError.invisible;
  return null;
}

interface TextOptions {
  max: number;
  /** Required (the default): at least one visible character. */
  required?: boolean;
  /** The message for a value over `max` (default errors.tooLong with the limit: tooLongError). */
  tooLong?: string;
  /** The message for a missing value (default errors.required). */
  requiredError?: string;
}

/**
 * A string, refused with `missing` when absent. One box posted twice (a hand-made or doubled post) is
 * not an empty one: it said "This field is required." (outside probes, a text box first, then the
 * email, password and phone). errors.formChanged: "not as this page sent it, reload". Every string
 * field of a form starts here.
 */
function postedString(missing: string) {
  return z.string({ error: (issue) => (Array.isArray(issue.input) ? "errors.formChanged" : missing) });
}

function text(problem: (v: string) => string | null, { max, required = true, tooLong, requiredError }: TextOptions) {
  const missing = requiredError ?? textError.required;
  return postedString(missing)
    .transform((v) => normaliseText(v).trim())
    .superRefine((v, ctx) => {
      if (required && v === "") {
        ctx.addIssue({ code: "custom", message: missing });
        return;
      }
      const found = problem(v);
      if (found) ctx.addIssue({ code: "custom", message: found });
      else if (v.length > max) ctx.addIssue({ code: "custom", message: tooLong ?? tooLongError(max) });
    });
}

/** A required single-line text field (a title, a relation, a reason). */
export const singleLine = (max: number, options: Omit<TextOptions, "max"> = {}) =>
  text(singleLineProblem, { max, ...options });

/** An optional single-line field: "" when absent. */
export const optionalSingleLine = (max: number, options: Omit<TextOptions, "max" | "required"> = {}) =>
  text(singleLineProblem, { max, ...options, required: false })
    .optional()
    .transform((v) => v ?? "");

/** A required multi-line text field (a message, a reason). */
export const multiLine = (max: number, options: Omit<TextOptions, "max"> = {}) =>
  text(multiLineProblem, { max, ...options });

/** An optional multi-line field: "" when absent. */
export const optionalMultiLine = (max: number, options: Omit<TextOptions, "max" | "required"> = {}) =>
  text(multiLineProblem, { max, ...options, required: false })
    .optional()
    .transform((v) => v ?? "");

/**
 * What a name may not hold: five digits set apart at most by spaces, dashes, dots or brackets, an
 * email, a link or a chat app's name. Names are shown to the other side before a booking, where chat
 * is masked and names were not (an outside probe named itself "Ma WeChat zhangwei88 tel 13900001111").
 * Read in NFKC, so full-width digits and letters count too. No real name has any of them.
 */
const CONTACT_IN_NAME =
  /(?:\d[\s\-.()]{0,2}){4}\d|@|https?:|www\.|\.(?:com|cn|net|org)\b|w\s*e\s*c\s*h\s*a\s*t|weixin|微\s*信|v\s*信|扣扣|whatsapp|telegram/iu;

/** A person's name: one line, at most 100 characters, with at least one letter or digit, no contact details. */
export const personName = (options: { required?: boolean } = {}) =>
  text(singleLineProblem, { max: 100, tooLong: "errors.nameLong", required: options.required ?? true })
    .refine((v) => v === "" || /[\p{L}\p{N}]/u.test(v), { error: "validation.name" })
    .refine((v) => !CONTACT_IN_NAME.test(v.normalize("NFKC")), { error: "validation.nameContact" });

/** An optional person's name: "" when absent. */
export const optionalPersonName = () =>
  personName({ required: false })
    .optional()
    .transform((v) => v ?? "");

/** The shape of a phone number as typed; the server checks that it is a real number (libphonenumber-js). */
const PHONE_SHAPE = /^\+?[0-9()\-.]{6,24}$/;

// Phone and email check the trimmed value in a refinement, never by piping it into another z.string():
// conform coerces every z.string() in a schema, so the trimmed "" of a blank field reached that inner
// string as undefined and failed with zod's English default instead of errors.required.

/**
 * A value made of digits as typed on any keyboard: compatibility forms as plain characters (NFKC), so
 * the full-width "１３８", "＋" and "（）" a Chinese IME types become "138", "+" and "()"; and no spaces
 * anywhere (ASCII, no-break or ideographic), since people group digits as the paper in front of them
 * does ("138 0013 8000", a code read out as "427 235"). Only for fields made of digits: NFKC would
 * also turn "ﬁ" into "fi" and "①" into "1" in text.
 */
export function normaliseDigits(value: string): string {
  return value.normalize("NFKC").replace(/\s+/gu, "");
}

function phoneText({ required, error = "errors.phone" }: { required: boolean; error?: string }) {
  return postedString(textError.required)
    .transform(normaliseDigits)
    .superRefine((v, ctx) => {
      if (v === "") {
        if (required) ctx.addIssue({ code: "custom", message: textError.required });
      } else if (!PHONE_SHAPE.test(v)) ctx.addIssue({ code: "custom", message: error });
    });
}

/**
 * A phone number as typed, full-width digits and spaces allowed (normaliseDigits): its shape only; the
 * server normalises it to E.164 (libphonenumber-js).
 */
export const phone = () => phoneText({ required: true });

/**
 * An optional phone number: undefined when absent, "" when blank (both mean no number). `error` for a
 * number that need not be a mobile (a parent's home phone).
 */
export const optionalPhone = (options: { error?: string } = {}) =>
  phoneText({ required: false, ...options }).optional();

/** An email address, lower-cased. */
export const email = () =>
  postedString(textError.required)
    .transform((v) => normaliseText(v).trim())
    .superRefine((v, ctx) => {
      if (v === "") ctx.addIssue({ code: "custom", message: textError.required });
      else if (v.length > 254 || !z.email().safeParse(v).success)
        ctx.addIssue({ code: "custom", message: "errors.email" });
    })
    .transform((v) => v.toLowerCase());

/** A password: any characters but NUL, as typed (never trimmed, never normalised). */
export const password = (options: { min?: number } = {}) =>
  postedString(textError.required)
    .min(options.min ?? 1, { error: options.min ? "errors.passwordShort" : textError.required })
    .max(200, { error: "errors.passwordLong" })
    .refine((v) => !v.includes("\u0000") && !LONE_SURROGATE.test(v), { error: textError.control });

/** A six-digit one-time code, full-width or with spaces as typed ("９７２２３９", "427 235"). */
export const oneTimeCode = () =>
  postedString("errors.code")
    .transform(normaliseDigits)
    .refine((v) => /^\d{6}$/.test(v), { error: "errors.code" });

// ——— Time zones ———

/**
 * The zones the database knows (pg_timezone_names), loaded once at boot (server/start.ts) and kept
 * on the load context as `context.timeZones`; the server registers the same set here under a global
 * symbol, because the schemas run inside the app's bundle, which is a different module instance from
 * the server's. In the browser there is no set, and Intl decides (the server decides again).
 */
const ZONES = Symbol.for("kinvisit.knownTimeZones");
type WithZones = { [ZONES]?: ReadonlySet<string> };

export function registerKnownTimeZones(zones: ReadonlySet<string>): void {
  (globalThis as WithZones)[ZONES] = zones;
}

export function knownTimeZones(): ReadonlySet<string> | undefined {
  return (globalThis as WithZones)[ZONES];
}

/** An IANA zone name that both Intl and (on the server) the database accept. */
export function isTimeZone(value: string): boolean {
  if (value.length > 64 || !/^[A-Za-z0-9_+\-/]+$/.test(value)) return false;
  if (!(value.includes("/") || value === "UTC")) return false;
  // The database's set first: its names are exact, so the formatters Intl is asked for (and caches)
  // stay within that set, whatever spellings ("asia/SHANGHAI") a client sends.
  const known = knownTimeZones();
  if (known && !known.has(value)) return false;
  try {
    dateTimeFormat("en", { timeZone: value });
  } catch {
    return false;
  }
  return true;
}

export const timeZone = () =>
  postedString("errors.timeZone").trim().refine(isTimeZone, {
    error: "errors.timeZone",
  });

// ——— Dates ———

/** The years a calendar date may fall in at all; each form narrows this against its clock. */
export const MIN_YEAR = 1900;
export const MAX_YEAR = 2100;

/** A real calendar date, YYYY-MM-DD, between MIN_YEAR and MAX_YEAR (no 2026-02-30, no year 1 or 9999). */
export function isCalendarDate(value: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (y < MIN_YEAR || y > MAX_YEAR || mo < 1 || mo > 12 || d < 1) return false;
  return d <= new Date(Date.UTC(y, mo, 0)).getUTCDate();
}

export const calendarDate = (error = "errors.date") => postedString(error).trim().refine(isCalendarDate, { error });

/** A wall-clock time, HH:MM, 00:00 to 23:59. */
export const clockTime = (error = "errors.time") =>
  postedString(error)
    .trim()
    .regex(/^([01]\d|2[0-3]):[0-5]\d$/, { error });

/**
 * A datetime-local value, YYYY-MM-DDTHH:MM (seconds, which some browsers add, are allowed and dropped
 * later): a real calendar date and a real time of day, not the pattern alone (no 2026-13-45T99:99).
 */
export function isLocalDateTime(value: string): boolean {
  const m = /^(\d{4}-\d{2}-\d{2})T(([01]\d|2[0-3]):[0-5]\d)(:[0-5]\d(\.\d{1,3})?)?$/.exec(value);
  return m !== null && isCalendarDate(m[1]!);
}

export const localDateTime = (error = "errors.dateTime") =>
  postedString(error).trim().refine(isLocalDateTime, { error });
