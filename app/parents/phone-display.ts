// A stored number (E.164) as people write it, in groups: the form's hint shows "+86 138 0013 8000", and
// the pages showed "+8613800138000". Mainland China's numbers are grouped, and the UK's and North
// America's, where families abroad most often are ("+447911123456" read as one run on a walk); others
// are shown as stored.
// Only for reading: a tel: link keeps the stored number. The groups are joined by no-break spaces: a
// number split across two lines ("+86 139 3863 / 5010", on the code page of a phone) is misread
// exactly where people compare its digits.
const SP = "\u00A0";

export function displayPhone(e164: string): string {
  const mobile = /^\+86(1\d{2})(\d{4})(\d{4})$/.exec(e164);
  if (mobile) return `+86${SP}${mobile[1]}${SP}${mobile[2]}${SP}${mobile[3]}`;
  // A landline: a two-digit area code for Beijing (10) and the 2x cities, three digits elsewhere; then
  // seven or eight digits.
  const landline = /^\+86(10|2\d|[3-9]\d{2})(\d{3,4})(\d{4})$/.exec(e164);
  if (landline) return `+86${SP}${landline[1]}${SP}${landline[2]}${SP}${landline[3]}`;
  const uk = /^\+44(7\d{3})(\d{6})$/.exec(e164);
  if (uk) return `+44${SP}${uk[1]}${SP}${uk[2]}`;
  const nanp = /^\+1(\d{3})(\d{3})(\d{4})$/.exec(e164);
  if (nanp) return `+1${SP}${nanp[1]}${SP}${nanp[2]}${SP}${nanp[3]}`;
  return e164;
}
