// The audit log's vocabulary: every action an admin can take, and the read of a parent's exact home,
// by name. The browser's filter and the server's records share it.

export const AUDIT_ACTIONS = [
  "carer.check",
  "user.suspend",
  "user.reinstate",
  "report.hide",
  "report.dismiss",
  "dispute.resolve",
  "sms.retry",
  /** A review's comment, follow-up or reply hidden by an admin (scores are never touched). */
  "review.hide",
  /** Anyone (family, the carer of a visit, an admin) shown a parent's exact home or access notes. */
  "parent.home_read",
] as const;

export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** Rows per page of the audit log. */
export const AUDIT_PAGE_SIZE = 50;
