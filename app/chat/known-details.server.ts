// The parent's private details, read to mask them in what reaches carers before a booking (masking.ts,
// knownDetailsOf): never sent to a page.
import { eq } from "drizzle-orm";
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
