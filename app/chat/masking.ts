// Contact details typed into chat before a visit is booked are masked for the receiver: keeping the
// deal (and its evidence) on the platform, and the parent's address private. Pure; the sender and
// admins keep the original. Covers English and Chinese ways of writing numbers and addresses.

export const MASK = "▒▒▒";

// Digits as people type them: ASCII, full-width (０-９) and Chinese numerals (〇一二三四五六七八九, 零, 幺).
const D = "[0-9０-９〇零一二三四五六七八九幺两]";
// Separators inside a phone number: spaces, dashes, dots, brackets (half- and full-width).
const SEP = "[\\s\\-‐－.．()（）]";

const patterns: RegExp[] = [
  // Emails (before links, which would take their domain): x@y.z, also with a full-width ＠.
  /[\p{L}\p{N}._%+-]+\s*[@＠]\s*[\p{L}\p{N}.-]+\.[\p{L}]{2,}/giu,
  // Links: scheme, www., or a bare domain with a path or a common TLD.
  /\b(?:https?:\/\/|www\.)\S+/giu,
  /\b[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:com|cn|net|org|io|me|co|hk|tw|sg|uk|us|info|top|xyz|cc)\b(?:\/\S*)?/giu,
  // WeChat / QQ / Line ids announced as such.
  /(?:微信|weixin|wechat|vx|v信|qq|line)\s*(?:号|id)?\s*[:：]?\s*[a-z0-9_-]{5,}/giu,
  // Phone numbers: 7 or more digits, with separators and an optional +country code.
  new RegExp(`(?:[+＋(（]${SEP}*)?${D}(?:${SEP}*${D}){6,}`, "gu"),
  // Chinese addresses: a road/street and a number, a compound and a building, unit or room.
  /[\p{Script=Han}\p{N}]{1,4}(?:路|街|道|巷|弄|胡同|大道)[\p{N}０-９一二三四五六七八九十百]+(?:号|號)(?:[\p{Script=Han}\p{N}]{0,12}(?:栋|幢|座|楼|单元|室|号楼))*/gu,
  /[\p{Script=Han}]{1,4}(?:小区|花园|公寓|新村|苑|家园)(?:[\p{N}０-９一二三四五六七八九十]+(?:栋|幢|座|号楼|单元|楼|室|号))*/gu,
  /[\p{N}０-９一二三四五六七八九十]+(?:栋|幢|座|号楼)[\p{N}０-９一二三四五六七八九十]*(?:单元)?[\p{N}０-９]*(?:室)?/gu,
  // English addresses: a number and a street name with a street type; flats and units.
  /\b\d{1,5}[a-z]?\s+(?:[A-Z][\w'-]*\s+){0,4}(?:street|st|road|rd|avenue|ave|lane|ln|drive|dr|way|court|ct|boulevard|blvd|place|pl|terrace|crescent|close)\b\.?/giu,
  /\b(?:apt|apartment|flat|unit|room|suite|block|building|bldg)\.?\s*#?\s*\d+[a-z]?\b/giu,
  // Door codes and keys: "code 4321", "门禁密码 4321", "密码：1234".
  /(?:door\s*code|code|passcode|门禁(?:密码|码)?|密码)\s*[:：]?\s*[0-9０-９#*]{3,}/giu,
];

/** The text with contact details replaced by MASK, and whether anything was masked. */
export function maskContactDetails(text: string): { text: string; masked: boolean } {
  let out = text;
  for (const pattern of patterns) out = out.replace(pattern, MASK);
  return { text: out, masked: out !== text };
}
