// A stored number as people write it ("+86 138 0013 8000"), a tap to call: the parent's phone and the
// emergency contacts, for the family and for the carer inside the access window.
import { displayPhone } from "~/parents/phone-display";

export function PhoneLink({ phone }: { phone: string }) {
  return (
    <a href={`tel:${phone}`} className="link-target">
      {displayPhone(phone)}
    </a>
  );
}
