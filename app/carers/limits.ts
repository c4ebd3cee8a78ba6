// The carer profile's fixed limits, without zod: the form draws its rows from these, and the schemas
// (app/carers/schemas.ts) check them.
/** FAQ pairs a profile holds, each sent when a family opens a chat. */
export const FAQ_MAX = 5;
/** Quick phrases a carer can send in one tap, and the characters of each. */
export const QUICK_PHRASES_MAX = 10;
export const QUICK_PHRASE_MAX = 200;
