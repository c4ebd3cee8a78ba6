// A stored number (E.164) as people write it, in groups: the form's hint shows "+86 138 0013 8000", and
// the pages showed "+8613800138000". Mainland China's numbers are grouped, and the UK's and North
// America's, where families abroad most often are ("+447911123456" read as one run on a walk); others
// are shown as stored.
// Only for reading: a tel: link keeps the stored number.

export function displayPhone(e164: string): string {
  const mobile = /^\+86(1\d{2})(\d{4})(\d{4})$/.exec(e164);
  if (mobile) return `+86 ${mobile[1]} ${mobile[2]} ${mobile[3]}`;
  // A landline: a two-digit area code for Beijing (10) and the 2x cities, three digits elsewhere; then
  // seven or eight digits.
  const landline = /^\+86(10|2\d|[3-9]\d{2})(\d{3,4})(\d{4})$/.exec(e164);
  if (landline) return `+86 ${landline[1]} ${landline[2]} ${landline[3]}`;
  const uk = /^\+44(7\d{3})(\d{6})$/.exec(e164);
  if (uk) return `+44 ${uk[1]} ${uk[2]}`;
  const nanp = /^\+1(\d{3})(\d{3})(\d{4})$/.exec(e164);
  if (nanp) return `+1 ${nanp[1]} ${nanp[2]} ${nanp[3]}`;
  return e164;
}
