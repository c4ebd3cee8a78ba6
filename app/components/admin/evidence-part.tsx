// One part of a dispute's evidence: a card with its heading, the heading naming the card.
import type { ReactNode } from "react";

export function EvidencePart({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section className="card stack" aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {children}
    </section>
  );
}
