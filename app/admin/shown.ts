// Admin lists show a bounded number of rows, and say when there are more: the account search stopped
// at 50 without a word, and the accounts it left out looked like none (an outside probe). Each page says
// so itself (adminPanel.moreMatches / moreWaiting): a shared component cost every admin page bytes.

/** The most rows an admin list draws. */
export const ADMIN_LIST_MAX = { accounts: 50, queue: 100 } as const;

/** The first `max` of rows read as max + 1, and `max` again when there were more (null if not). */
export function shownOf<T>(rows: T[], max: number): { rows: T[]; cutAt: number | null } {
  return { rows: rows.slice(0, max), cutAt: rows.length > max ? max : null };
}
