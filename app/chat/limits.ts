// The chat's fixed limits and vocabularies, without zod: pages import these, and only the server and
// a form's deferred validation load the schemas (docs/decisions/012-page-speed.md).
export const MESSAGE_MAX = 2000;
export const TASK_MAX = 120;
export const TASKS_MAX = 12;
/** The tasks box: every task at its longest, one a line. */
export const TASKS_BOX_MAX = TASKS_MAX * (TASK_MAX + 1);
export const cancellationPolicies = ["flexible", "moderate", "strict"] as const;
/** How long the other side has to answer an offer, in hours (never past the first visit's start). */
export const offerExpiryHours = [2, 12, 24, 48, 72] as const;
/** What the platform's lines in a chat say happened (messages.event): each has a label, chat.events.*. */
export const chatEvents = [
  "offer_accepted",
  "offer_declined",
  "offer_withdrawn",
  "visit_cancelled",
  "series_cancelled",
] as const;
export type ChatEvent = (typeof chatEvents)[number];
export const reportReasons = ["harassment", "scam", "contact_outside", "inappropriate", "other"] as const;
