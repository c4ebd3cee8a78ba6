// The columns that give an offer's terms, selected the same wherever offers are listed: the family's
// dashboard (offers waiting for an answer) and the data download (offers one sent).
import { offers } from "~db/schema";

export const offerTermColumns = {
  id: offers.id,
  conversationId: offers.conversationId,
  service: offers.service,
  schedule: offers.schedule,
  timeZone: offers.timeZone,
  startDate: offers.startDate,
  startMinute: offers.startMinute,
  firstStartsAt: offers.firstStartsAt,
  weekdays: offers.weekdays,
  weeks: offers.weeks,
  durationMinutes: offers.durationMinutes,
  priceCents: offers.priceCents,
};
