// Database enums for the fixed vocabularies; the values live in db/catalogue.ts (browser-safe).
import { pgEnum } from "drizzle-orm/pg-core";
import { genders, serviceKinds } from "../catalogue";

export { genders, languageCodes, serviceKinds, type Gender, type LanguageCode, type ServiceKind } from "../catalogue";

export const serviceKind = pgEnum("service_kind", serviceKinds);
export const gender = pgEnum("gender", genders);
