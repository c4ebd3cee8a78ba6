// Fixed vocabularies of the admin pages that the browser needs too, without zod (the page budget).

/** The kinds of reported things. Reviews join when ratings land (app/admin/reports.server.ts). */
export const REPORT_KINDS = ["message"] as const;
export type ReportKind = (typeof REPORT_KINDS)[number];

/** What an admin decides a disputed visit was. */
export const DISPUTE_OUTCOMES = ["done", "missed", "cancelled"] as const;
export type DisputeOutcome = (typeof DISPUTE_OUTCOMES)[number];
