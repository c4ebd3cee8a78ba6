// The parent's private details, read to mask them in what reaches carers outside their access to the
// home (masking.ts, knownDetailsOf): never sent to a page.
import { eq, inArray } from "drizzle-orm";
import { parents } from "~db/schema";
import type { Database } from "~/db.server";
import { type KnownDetails, knownDetailsOf, NO_KNOWN_DETAILS } from "./masking";

export async function knownDetailsOfParent(db: Database, parentId: string): Promise<KnownDetails> {
  const [parent] = await db
    .select({ address: parents.address, accessNotes: parents.accessNotes, phone: parents.phone })
    .from(parents)
    .where(eq(parents.id, parentId))
    .limit(1);
  return parent ? knownDetailsOf(parent) : NO_KNOWN_DETAILS;
}

/** knownDetailsOfParent for several parents in one read (a carer's inbox). */
export async function knownDetailsOfParents(db: Database, parentIds: readonly string[]) {
  const found = new Map<string, KnownDetails>();
  if (parentIds.length === 0) return found;
  const rows = await db
    .select({ id: parents.id, address: parents.address, accessNotes: parents.accessNotes, phone: parents.phone })
    .from(parents)
    .where(inArray(parents.id, [...new Set(parentIds)]));
  for (const { id, ...details } of rows) found.set(id, knownDetailsOf(details));
  return found;
}
