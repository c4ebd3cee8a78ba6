// Zod pieces shared by every form that takes a place, a language list or a time zone.
import { z } from "zod";
import { languageCodes } from "~db/catalogue";
import { isTimeZone, optionalMultiLine, timeZone as timeZoneField } from "~/validation/text";
import { choiceList } from "~/validation/choices";
import { LOCATION_MISSING } from "./location-missing";

export { isTimeZone };

// A missing place is LOCATION_MISSING on both coordinates, which LocationFields shows once.
const coordinateError = (issue: { input?: unknown }) =>
  issue.input === undefined ? LOCATION_MISSING : "errors.number";

export const latitude = z
  .number({ error: coordinateError })
  .min(-90, { error: "errors.latRange" })
  .max(90, { error: "errors.latRange" });

export const longitude = z
  .number({ error: coordinateError })
  .min(-180, { error: "errors.lngRange" })
  .max(180, { error: "errors.lngRange" });

/** Checked against the database's own zones on the server (app/validation/text.ts). */
export const timeZone = timeZoneField();

/** Checked as a whole list, so a bad value is shown beside the boxes (not under languages[1]). */
export const languages = choiceList(languageCodes).default([]);

/** Free text over several lines ("" when absent); single-line fields use optionalSingleLine. */
export const optionalText = (max: number) => optionalMultiLine(max);
