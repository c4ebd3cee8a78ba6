// Contact details typed into chat before a visit is booked are masked for the receiver: keeping the
// deal (and its evidence) on the platform, and the parent's address private. Pure; the sender and
// admins keep the original. Covers English and Chinese ways of writing numbers and addresses.
//
// People get around a mask by writing the same thing another way, so the patterns never look at the
// text as typed: they run on a normalised copy (full-width → ASCII; digits of other scripts and styles,
// such as 𝟭 ① ¹ ١, → ASCII digits; digits spelled out in English or in Chinese numerals → digits, and
// Chinese numbers with place words → their value; a comma between spelled-out digits → a space), and
// what they find is masked in the original. A pattern then covers every way of writing a number at
// once, instead of each pattern listing them.

export const MASK = "▒▒▒";

/** A copy of the text in which each character remembers the span of the original it came from. */
interface Normalised {
  text: string;
  from: number[];
  to: number[];
}

const DIGIT_WORDS: Record<string, string> = {
  zero: "0",
  oh: "0",
  one: "1",
  two: "2",
  three: "3",
  four: "4",
  five: "5",
  six: "6",
  seven: "7",
  eight: "8",
  nine: "9",
  // Numbers read in English the long way ("thirteen eight hundred…"): what they add to the digits is
  // enough for the phone pattern to find them; their exact value does not matter.
  ten: "10",
  eleven: "11",
  twelve: "12",
  thirteen: "13",
  fourteen: "14",
  fifteen: "15",
  sixteen: "16",
  seventeen: "17",
  eighteen: "18",
  nineteen: "19",
  twenty: "20",
  thirty: "30",
  forty: "40",
  fifty: "50",
  sixty: "60",
  seventy: "70",
  eighty: "80",
  ninety: "90",
  hundred: "00",
  thousand: "000",
};
const DIGIT_WORD = Object.keys(DIGIT_WORDS).join("|");
// 洞 and 幺 are how 0 and 1 are read out in phone numbers, 两 is 2 before a measure word; the
// financial forms (壹贰叁) are written to get past filters.
const CHINESE_DIGITS: Record<string, string> = {
  〇: "0",
  零: "0",
  洞: "0",
  一: "1",
  幺: "1",
  壹: "1",
  二: "2",
  两: "2",
  贰: "2",
  三: "3",
  叁: "3",
  四: "4",
  肆: "4",
  五: "5",
  伍: "5",
  六: "6",
  陆: "6",
  七: "7",
  柒: "7",
  八: "8",
  捌: "8",
  九: "9",
  玖: "9",
};
// Place words, plain and financial. 万 and 亿 are not among them: a number read with them is an amount
// (三百万), and the adverbs 千万 and 万一 are everyday words, so they stay as they are written.
const CHINESE_PLACES: Record<string, number> = { 十: 10, 拾: 10, 百: 100, 佰: 100, 千: 1000, 仟: 1000 };

// One pass over the text: what each alternative matches becomes the digits (or ASCII) it stands for.
const NORMALISE = new RegExp(
  [
    // A digit word next to a digit counts too ("one3eight"): only a letter around it makes it part of
    // another word (someone, weight, tenant).
    `(?<spelled>\\b(?:double|triple)[\\s-]+(?:${DIGIT_WORD}|\\d)\\b|(?<![a-z])(?:${DIGIT_WORD})(?![a-z]))`,
    // Letters that look like digits, in a word that holds a real one ("138OO138OOO", "oo13", "8oo4"):
    // read as digits, the word joins its neighbours like any group of a number. A run of 7 or more was
    // needed before, and a number split into groups ("138 oo13 8oo4") went through (an outside probe).
    // i and dotless ı pass for 1 too ("i38ooi38oo4": an outside probe).
    "(?<lookalike>\\b(?=[\\dOoIliı]*\\d)(?=[\\dOoIliı]*[OoIliı])[\\dOoIliı]{2,}\\b)",
    `(?<chinese>[${Object.keys(CHINESE_DIGITS).join("")}${Object.keys(CHINESE_PLACES).join("")}]+)`,
    // Characters that draw nothing (zero-width spaces and joiners, word joiners, soft hyphens, tags),
    // variation selectors and the keycap that makes 1️⃣ of 1: "139\u200B2596\u200B2169" read as a
    // number to anyone, and went through (an outside probe). They are left out of the copy read, and
    // so are the marks drawn on the character before (an underline or a stroke through each digit,
    // "2̲2̲9̲6̲#": an outside probe).
    "(?<invisible>[\\p{Cf}\\p{M}\\u180B-\\u180D\\u{E0100}-\\u{E01EF}\\u{1F3FB}-\\u{1F3FF}])",
    // Characters drawn as a blank that are not spaces (Braille's blank, the Hangul fillers): a space.
    "(?<blank>[\\u2800\\u3164\\uFFA0\\u115F\\u1160])",
    // Arrows and pointing hands between a messenger's name and an id ("wechat ➡ kvdad99", "wechat -> x"):
    // a space, so the id is masked as after the name itself, with a digit or an underscore in it:
    // "wechat → video call" stays (a review; a colon masked any word after it).
    "(?<pointer>(?:[\\u2190-\\u21FF\\u2794-\\u27BF\\u27F0-\\u27FF\\u2900-\\u297F\\u2B00-\\u2BFF\\u261A-\\u261F\\u25B6\\u25BA\\u{1F446}-\\u{1F449}\\u{1F800}-\\u{1F8FF}]|(?<=\\s)[-=]+>(?=\\s))\\uFE0F?)",
    "(?<comma>[,，、])",
    "(?<ascii>[0-9]+)",
    "(?<fullWidth>[\\uFF01-\\uFF5E\\u3000])",
    "[\\p{Nd}\\p{No}]",
  ].join("|"),
  "giu",
);

/**
 * A stretch of the text and what it reads as. The kind is what a comma between two pieces needs to know:
 * digits spelled out, digits written as digits, or anything else.
 */
interface Piece {
  text: string;
  start: number;
  end: number;
  kind: "spelled" | "digits" | "comma" | "other";
}

/** What one match of NORMALISE reads as: one piece, or a piece a character for digits read one by one. */
function piecesOf(match: RegExpExecArray): Piece[] {
  const start = match.index;
  const end = start + match[0].length;
  const { spelled, lookalike, chinese, invisible, blank, pointer, comma, ascii, fullWidth } = match.groups!;
  if (invisible) return [{ text: "", start, end, kind: "other" }];
  if (blank) return [{ text: " ", start, end, kind: "other" }];
  if (pointer) return [{ text: " ", start, end, kind: "other" }];
  if (spelled) return [{ text: spelledDigits(spelled), start, end, kind: "spelled" }];
  if (lookalike) {
    const text = lookalike.replace(/[Oo]/g, "0").replace(/[Iliı]/g, "1");
    return [{ text, start, end, kind: "digits" }];
  }
  if (chinese) {
    // A number with place words is an amount or a house number, never a piece of a phone number.
    const value = placeValue(chinese);
    if (value !== undefined) return [{ text: value, start, end, kind: "other" }];
    // Digits read one by one, as in a phone number: each stands for its own character. The place words
    // of a run that is not one number stay as they are.
    // 十 before a digit is the 1 of a teen (十三八零零十三八零零零 is 13800138000).
    const chars = [...chinese];
    return chars.map((char, i) => {
      const teen = (char === "十" || char === "拾") && CHINESE_DIGITS[chars[i + 1] ?? ""] !== undefined;
      const digit = teen ? "1" : CHINESE_DIGITS[char];
      return { text: digit ?? char, start: start + i, end: start + i + 1, kind: digit ? "spelled" : "other" };
    });
  }
  if (comma) return [{ text: comma === "，" ? "," : comma, start, end, kind: "comma" }];
  if (ascii) return [{ text: ascii, start, end, kind: "digits" }];
  if (fullWidth) {
    // Full-width ASCII sits 0xFEE0 above ASCII; the ideographic space is a space.
    const text = fullWidth === "\u3000" ? " " : String.fromCharCode(fullWidth.charCodeAt(0) - 0xfee0);
    return [{ text, start, end, kind: /^\d$/.test(text) ? "digits" : "other" }];
  }
  const digit = digitOf(match[0]);
  return [{ text: digit ?? match[0], start, end, kind: digit ? "digits" : "other" }];
}

function spelledDigits(words: string): string {
  const word = words.toLowerCase();
  const repeated = /^(double|triple)[\s-]+(.+)$/.exec(word);
  if (!repeated) return DIGIT_WORDS[word]!;
  const digit = DIGIT_WORDS[repeated[2]!] ?? repeated[2]!;
  return digit.repeat(repeated[1] === "double" ? 2 : 3);
}

// A comma between digits spelled out ("one-three-eight, zero-zero-one-three") separates groups of one
// number, as a space does. Between digits written as digits it stays a comma, which the phone pattern
// does not read across: "1,200", "2, 3 or 4 hours" and "8:00, 12:00" are amounts, counts and times.
function commaJoins(text: string, before: Piece | undefined, comma: Piece, after: Piece | undefined): boolean {
  if (!isDigits(before) || !isDigits(after)) return false;
  // Digits typed one by one with spaces ("1 3 8, 0 0 1 3") are read as if spelled out.
  const single = (piece: Piece) => piece.kind === "digits" && piece.text.length === 1;
  if (before.kind !== "spelled" && after.kind !== "spelled" && !(single(before) && single(after))) return false;
  return !text.slice(before.end, comma.start).trim() && !text.slice(comma.end, after.start).trim();
}

const isDigits = (piece: Piece | undefined): piece is Piece => piece?.kind === "spelled" || piece?.kind === "digits";

// Digits of other scripts and styles read as the digits they are: 𝟭, ①, ¹, ₁, ⑴, ⒈, ١, ४. Most of
// them are ASCII digits in compatibility form (NFKC), dressed in brackets, a dot or a comma; the
// circled ideographs (㊀, ㈠) are Chinese numerals dressed the same way.
const DRESSED = /^\(?([^(),.]+)[.,)]?$/u;
const DECIMAL = /^\p{Nd}$/u;
// The ones with neither: the dingbat and double-circled digits, and the digits of a few scripts that
// Unicode counts as digits but not as decimal. Each range: its first and last code point, and the
// value of the first.
const OTHER_DIGITS: [first: number, last: number, value: number][] = [
  [0x24eb, 0x24f4, 11], // ⓫–⓴
  [0x24f5, 0x24fe, 1], // ⓵–⓾
  [0x24ff, 0x24ff, 0], // ⓿
  [0x2776, 0x277f, 1], // ❶–❿
  [0x2780, 0x2789, 1], // ➀–➉
  [0x278a, 0x2793, 1], // ➊–➓
  [0x1f10b, 0x1f10c, 0], // 🄋 🄌
  [0x1369, 0x1371, 1], // Ethiopic ፩–፱
  [0x19da, 0x19da, 1], // New Tai Lue ᧚
  [0x10a40, 0x10a43, 1], // Kharoshthi
  [0x10e60, 0x10e68, 1], // Rumi
  [0x11052, 0x1105a, 1], // Brahmi
];

/** The ASCII digits a character of another script or style stands for, if it stands for any. */
function digitOf(char: string): string | undefined {
  const dressed = DRESSED.exec(char.normalize("NFKC"))?.[1];
  if (dressed && /^\d+$/.test(dressed)) return dressed;
  if (dressed && CHINESE_DIGITS[dressed]) return CHINESE_DIGITS[dressed];
  if (dressed === "十") return "10";
  const code = char.codePointAt(0)!;
  // Unicode promises that decimal digits come in runs of ten from 0 to 9, one run after another, so a
  // digit's value is its distance from the start of its run, modulo ten.
  if (DECIMAL.test(char)) {
    let zero = code;
    while (DECIMAL.test(String.fromCodePoint(zero - 1))) zero--;
    return String((code - zero) % 10);
  }
  const range = OTHER_DIGITS.find(([first, last]) => code >= first && code <= last);
  return range && String(range[2] + code - range[0]);
}

/**
 * The value of a Chinese number written with place words (贰佰壹拾捌 → "218"), or undefined for digits
 * read one by one (一三八) and for runs that are not one number (一二十, 十百).
 */
function placeValue(run: string): string | undefined {
  let total = 0;
  let digit: number | undefined;
  let place = 10_000;
  let placed = false;
  let afterPlace = false;
  for (const char of run) {
    const value = CHINESE_PLACES[char];
    if (value) {
      // Places go down (千, then 百, then 十); a place with no digit before it is one of it (十八 is 18).
      if (value >= place) return undefined;
      total += (digit ?? 1) * value;
      place = value;
      placed = true;
      digit = undefined;
      afterPlace = true;
    } else {
      // Two digits in a row are read one by one, unless the first is the 零 that stands for an empty place.
      if (digit !== undefined && digit !== 0) return undefined;
      digit = Number(CHINESE_DIGITS[char]);
      afterPlace = digit !== 0 && afterPlace;
    }
  }
  if (!placed) return undefined;
  // A last digit straight after 百 or 千 is the next place down: 两百五 is 250, 一千二 is 1200.
  if (digit !== undefined) total += afterPlace && place >= 100 ? (digit * place) / 10 : digit;
  return String(total);
}

function normalise(text: string): Normalised {
  const out: Normalised = { text: "", from: [], to: [] };
  const push = (s: string, from: number, to: number) => {
    out.text += s;
    for (let i = 0; i < s.length; i++) {
      out.from.push(from);
      out.to.push(to);
    }
  };
  const pieces = [...text.matchAll(NORMALISE)].flatMap(piecesOf);
  let at = 0;
  pieces.forEach((piece, i) => {
    for (let j = at; j < piece.start; j++) push(text[j]!, j, j + 1);
    const joins = piece.kind === "comma" && commaJoins(text, pieces[i - 1], piece, pieces[i + 1]);
    push(joins ? " " : piece.text, piece.start, piece.end);
    at = piece.end;
  });
  for (let i = at; i < text.length; i++) push(text[i]!, i, i + 1);
  return withoutSpacesInHan(out);
}

const HAN = /\p{Script=Han}/u;

/** Spaces between two Chinese characters go ("庆 春 路": an outside probe): Chinese puts none there. */
function withoutSpacesInHan(n: Normalised): Normalised {
  if (!/\p{Script=Han}\s+\p{Script=Han}/u.test(n.text)) return n;
  const out: Normalised = { text: "", from: [], to: [] };
  let lastKept = "";
  for (let i = 0; i < n.text.length; i++) {
    const c = n.text[i]!;
    if (/\s/.test(c) && HAN.test(lastKept)) {
      let next = i + 1;
      while (next < n.text.length && /\s/.test(n.text[next]!)) next++;
      if (next < n.text.length && HAN.test(n.text[next]!)) continue;
    }
    out.text += c;
    out.from.push(n.from[i]!);
    out.to.push(n.to[i]!);
    lastKept = c;
  }
  return out;
}

// Separators people put inside a phone number: spaces, dashes, dots, slashes, brackets, dots in the
// middle, bars, pluses and tildes.
const SEP = "[\\s\\-‐‑–—.·•/\\\\()_|+~]";
// Top-level domains an obfuscated email may end in ("x at y dot com"): a known list, so that
// "arrive at noon. Then" is not an email.
const TLD = "(?:com|cn|net|org|edu|gov|io|me|co|hk|tw|sg|uk|us|info|top|xyz|cc|ly|gl|link|app)";
const AT = "(?:\\s*@\\s*|\\s*[(\\[{<]\\s*(?:at|艾特)\\s*[)\\]}>]\\s*|\\s+at\\s+|\\s*艾特\\s*)";
const DOT = "(?:\\.|\\s*[(\\[{<]\\s*(?:dot|点)\\s*[)\\]}>]\\s*|\\s+dot\\s+|\\s*点\\s*)";
// A Chinese number in an address: digits (numerals, and numbers with place words, are digits by now),
// and the place words of a run that is not one number (一二十).
const CN_NUM = "[\\d十拾百佰千仟万萬]+";
// The parts of a Chinese address after the street: number, lane, building, unit, room, floor.
const CN_PART = `\\s*(?:第\\s*)?${CN_NUM}\\s*(?:号楼|號樓|号|號|弄|栋|棟|幢|座|单元|單元|室|楼|樓|层|層|#)`;
// English street types. The ambiguous ones ("on the way", "close to") count only after capitalised
// words, in the case-sensitive pattern.
const STREET = "(?:street|road|avenue|lane|boulevard|terrace|crescent|highway|alley|rd|ave|blvd|ln|lu|jie|nong|hutong)";
const STREET_CAPITALISED = "(?:Street|St|Way|Drive|Dr|Place|Pl|Close|Court|Ct|Square|Sq)";
// The same, as people capitalise them ("Qingchun Road 218", "QINGCHUN RD 218": an outside probe).
const STREET_ANY_CASE = `(?:${STREET.slice(3, -1)
  .split("|")
  // Not the pinyin ones in capitals: Lu is a surname too ("Mrs Lu 85 needs help": a review).
  .filter((w) => !["lu", "jie", "nong", "hutong", "ln"].includes(w))
  .flatMap((w) => [w[0]!.toUpperCase() + w.slice(1), w.toUpperCase()])
  .join("|")}|${STREET_CAPITALISED.slice(3, -1)
  .split("|")
  .map((w) => w.toUpperCase())
  .join("|")})`;
// What a number after a street's name is not: a time, a distance, an amount ("Ring Road 20 minutes").
const NOT_A_MEASURE =
  "(?!\\s*(?:min|mins|minutes|hours?|hrs?|h\\b|km|kilomet|miles?|metres?|meters?|m\\b|yuan|rmb|kg|%|[:.]\\d|stops?|times?|years?|floors?|storeys?|steps?|点|分|元|米))";
const UNIT = "(?:apt|apartment|flat|unit|room|rm|suite|block|blk|building|bldg|tower|lane|alley|nong|entrance|house)";

// 室 after a number is a room ("501室"), unless rooms and halls describe a flat ("三室两厅", "2室1厅1卫").
const ROOM_NOT_LAYOUT = "室(?!\\s*\\d+\\s*[厅廳卫衛])";

// The English names of messaging apps, for an id announced after one.
const MESSENGER = "(?:we\\s?chat|weixin|wx|vx|qq|line|telegram|whatsapp|skype|signal)";
// Phone numbers: 7 or more digits, with separators and an optional +country code.
const PHONE = new RegExp(`(?:[+(]\\s*)?\\d(?:${SEP}*\\d){6,}`, "gu");

const patterns: RegExp[] = [
  // Emails, before links (which would take their domain); then the ones spelled out with at and dot.
  /[\p{L}\p{N}._%+-]{1,64}\s*@\s*[\p{L}\p{N}.-]+\.[\p{L}]{2,}/giu,
  // With a space about the dot only before a known ending ("zhangwei@gmail. com"): "Thanks @Anna. Great" stays.
  new RegExp(`[\\p{L}\\p{N}._%+-]{1,64}\\s*@\\s*[\\p{L}\\p{N}-]+\\s*\\.\\s*${TLD}\\b`, "giu"),
  // ASCII only: were 点 and 艾特 letters of the address too, a long run of them would backtrack for ever.
  // Lengths are bounded here and in the street names below, so that a 2,000-letter message does not
  // make every letter the start of a long scan.
  new RegExp(`[a-z0-9._%+-]{1,64}${AT}[a-z0-9-]+(?:${DOT}[a-z0-9-]+)*?${DOT}${TLD}\\b`, "giu"),
  // A link spelled out: "kinvisit-evil dot com slash pay" (an outside probe), its path read on with "slash".
  new RegExp(
    `\\b[a-z0-9-]{2,63}(?:${DOT}[a-z0-9-]{1,63}){0,3}?(?:\\s+dot\\s+|\\s*[(\\[{<]\\s*dot\\s*[)\\]}>]\\s*)${TLD}\\b(?:\\s+slash\\s+[a-z0-9_-]{1,64}|\\/\\S*)*`,
    "giu",
  ),
  // Links: scheme, www., or a bare domain with a path or a common TLD.
  /\b(?:https?:\/\/|www\.)\S+/giu,
  new RegExp(`\\b[a-z0-9-]+(?:\\.[a-z0-9-]+)*\\.${TLD}\\b(?:\\/\\S*)?`, "giu"),
  // WeChat / QQ / other messaging ids announced as such: after a colon any id, otherwise one with a
  // digit in it (WeChat ids are 6–20 letters, digits, _ and -), so "my wechat is busy" stays.
  new RegExp(
    "(?:微\\s*信|薇信|威信|v\\s*信|绿泡泡|飞书|\\bvx|\\bwx|\\bv\\s+x(?=\\s*[:：])|\\bwei\\s?xin|\\bfei\\s?shu|\\binstagram|\\+\\s?v\\b|\\bw\\s*e\\s*c\\s*h\\s*a\\s*t|加\\s*v|\\bqq|\\bq\\s*q|扣扣|企鹅|\\bline\\s*id" +
      "|\\btelegram|\\bwhatsapp|\\bskype)\\s*(?:号码|号|id|number|no\\.?|account|账号)?\\s*" +
      "(?:-\\s*(?=[a-z0-9_-]*[\\d_])[a-z0-9_-]{5,}|[:：=@]\\s*@?(?:是\\s*)?(?:[a-z0-9_-]{5,}|[a-z0-9_-](?:\\s[a-z0-9_-]){4,})|(?:is\\s+|是\\s*|为\\s*)?(?=[a-z0-9_-]{5,})[a-z0-9_-]*[\\d_][a-z0-9_-]*)",
    "giu",
  ),
  // After a Chinese word for WeChat or QQ, a run of Latin letters is the id itself, digits or not
  // ("加我微信 zxmcare"): a new-user walk found it, and "wechat zxm_care" (an underscore, as the line
  // above now takes), in chat and in a carer's public bio. The id starts with a letter, 6 to 20 long.
  // Letters alone only after 号, 是, 为, or in "加我微信": "微信 message" stays.
  /(?:(?:微\s?信|薇信|威信|v\s?信|扣扣|企鹅)\s{0,3}(?:(?:号码|号|账号)\s{0,3}(?:是|为)?|是|为)|(?<=加\s?我?\s?)(?:微\s?信|v\s?信|v\s?x|w\s?x|v)|(?<=\+\s?)(?:v\s?x|w\s?x|v)(?=\s)|绿泡泡)\s{0,3}[a-z][a-z0-9_-]{5,19}\b/giu,
  // In English, an id of letters alone after the word for it: "wechat id zhangwei", "my WeChat account is
  // zhangwei", "add me on wechat zhangwei" (an outside probe). Not after the app's name alone: "WeChat
  // message", "wechat video" stay; nor a word that says what the account is ("account is blocked").
  new RegExp(
    `(?:\\b${MESSENGER}\\s{0,3}(?:id|account|handle|user\\s?name)|(?<=\\badd\\s{1,3}(?:me|us)\\s{1,3}(?:on|via|in)\\s{1,3})${MESSENGER})` +
      "\\s{0,3}(?:is\\s{1,3}|[:：=]\\s{0,3})?(?!(?:blocked|suspended|banned|closed|frozen|deleted|hacked|broken|private|different|better|easier|tomorrow|tonight|today|later|please|instead|anytime)\\b)[a-z][a-z0-9_-]{5,19}\\b",
    "giu",
  ),
  // "V" alone is WeChat in chat slang ("V: kvfang88"). Only before a colon, and only an id with a digit
  // or an underscore in it, as WeChat ids mostly have: "Plan V: all fine" and "V: lovely lady" stay.
  /\bv\s*[:：]\s*(?=[a-z0-9_-]*[\d_])[a-z][a-z0-9_-]{5,19}\b/giu,
  // Door and gate codes: any run of digits ending in # or * (or starting with them), and digits
  // after a word for a code or a door.
  /(?:[#*]\d{3,}[#*]?|\b\d(?:[\s-]?\d){2,}\s*[#*])/gu,
  // The digits of a code may be set apart with any separator a phone number takes ("code: 1.8.3.8").
  new RegExp(
    "\\b(?:(?:door|gate|entry|entrance|building|lock|key\\s*box|key\\s*safe|lockbox|alarm)\\s*)?" +
      `(?:code|pin|passcode|password|combination|combo)\\s*(?:is|no\\.?|number)?\\s*[:：=-]?\\s*\\d(?:${SEP}{0,2}\\d){2,}[#*]?`,
    "giu",
  ),
  /\b(?:door|gate)(?:\s{0,3}(?:no\.?|number))?\s{0,3}[:：=-]?\s{0,3}\d{3,}/giu,
  // A code after the words around it ("the door is 2296", "gate is 1838", "press 9413", "key 2296":
  // an outside probe).
  new RegExp(
    // Bounded, and each word after at least one separator: free runs of spaces between optional words
    // backtracked for minutes on a keyword and a long run of spaces (a review). Four digits or more,
    // not a distance or a count ("the door is 100 metres on", "press 120 for the lift").
    "\\b(?:door|gate|lock|key|keypad|press)(?:[\\s:：=-]{1,4}(?:code|pin|no\\.?|number|is|was|then)){0,3}[\\s:：=-]{0,4}" +
      `(?!\\d{4}[-/.]\\d{1,2}[-/.]\\d{1,2})\\d(?:[\\s-]?\\d){3,}[#*]?(?![\\d./])${NOT_A_MEASURE}`,
    "giu",
  ),
  // In Chinese: "门口 2296", "大门口按2296", "按9413" (an outside probe); not "按100元一次".
  new RegExp(
    // Bounded as above; four digits or more, not a date, a reading or an amount ("按150/小时", "按2026年的价格",
    // "血压按130/80算", "出门 3000 步": a review).
    "(?:门口?|按|输入)[\\s:：是为按]{0,4}(?!\\d{4}[-/.]\\d{1,2}[-/.]\\d{1,2})" +
      `\\d(?:[\\s-]?\\d){3,}[#*]?(?![\\d./／]|\\s*(?:元|块|个|次|分|米|公里|小时|点|岁|%|号|楼|层|年|月|日|步|天|周))`,
    "gu",
  ),
  // A place as a pair of decimals ("30.259 120.138", "30.2593,120.138": an outside probe), with three
  // decimals or more each (tens of metres): readings have one or two.
  /-?\b\d{1,3}\.\d{3,}\s*[,，/;]?\s*-?\d{1,3}\.\d{3,}\b/gu,
  new RegExp(
    "(?:门禁(?:密码|码|卡号?)?|开门(?:密码|码)?|门锁(?:密码)?|大门(?:密码)?|单元门(?:密码)?|密码|门牌号?)\\s*(?:是|为)?\\s*[:：]?\\s*" +
      `\\d(?:${SEP}{0,2}\\d){2,}[#*]?`,
    "giu",
  ),
  PHONE,
  // A mainland mobile in its groups of 3, 4 and 4, whatever is put between them ("138a0013b8000",
  // "139:2596:2169", an emoji, a minus sign): an outside probe. No time or price has groups of four.
  /(?<!\d)1[3-9]\d[^\d\n]{0,2}\d{4}[^\d\n]{0,2}\d{4}(?!\d)/gu,
  // "line:", "tg:" and "signal:" are everyday words too ("bottom line: fine"): an id after them only
  // with a digit or an underscore in it, or a handle after @.
  // So are "ig:" (Instagram) and "my line is".
  /\b(?:line|tg|signal|ig)\s*(?:[:：]|\s+is\s)\s*(?:@[a-z][a-z0-9_]{4,31}|(?=[a-z0-9_-]*[\d_])[a-z][a-z0-9_-]{4,19})\b/giu,
  // An id before the word for it: "zhangwei88 is my wechat".
  /\b[a-z][a-z0-9_-]{4,19}\s+(?:is\s+my|是我的)\s*(?:wechat|weixin|wx|vx|qq|line|telegram|whatsapp|微信|扣扣)/giu,
  // Door codes after the words a keypad goes by ("keypad 1838", "entry: 1838", "lockbox 4821").
  /\b(?:keypad|key\s*pad|lockbox|lock\s*box|key\s*box|key\s*safe)\s*(?:code|no\.?|number)?\s*[:：=-]?\s*\d{3,}[#*]?/giu,
  // "entry" is also a note's entry or a side entry: a code only after "code" or a colon.
  /\bentry\s*(?:code\s*[:：=-]?|[:：=])\s*\d{3,}[#*]?/giu,
  // A place in degrees and minutes, seconds optional: 30°15'33.5"N (a few metres). A temperature
  // (25°C) has no minutes.
  /\d{1,3}\s*[°º]\s*\d{1,2}(?:\.\d+)?\s*['′’](?:\s*\d{1,2}(?:\.\d+)?\s*(?:["″”]|''|′′))?\s*[NSEWnsew]?/gu,
  // In Chinese, 度 and 分 are also a temperature and minutes of time ("40度20分钟"): a place only after
  // 纬 or 经, or with its seconds (北纬30度15分, 30度15分33秒).
  /(?:[北南]纬|[东西]经|纬度|经度)\s*[:：]?\s*\d{1,3}\s*度\s*\d{1,2}(?:\.\d+)?\s*分(?!钟)(?:\s*\d{1,2}(?:\.\d+)?\s*秒)?|\d{1,3}\s*度\s*\d{1,2}\s*分\s*\d{1,2}(?:\.\d+)?\s*秒(?!钟)/gu,
  // An Open Location Code ("plus code": 8Q22745Q+P9, 745Q+P9), a place to within 14 m. It holds one of
  // its letters other than x at least, so a sum (2345+67, 3x45+2x8) stays.
  /\b(?=[2-9cfghjmpqrvwx]*[cfghjmpqrvw])[2-9cfghjmpqrvwx]{4,8}\+[2-9cfghjmpqrvwx]{2,3}\b(?!\s*=)/giu,
  // A number grouped with commas ("138,0013,8000"): a comma between digits is read as a comma (an
  // amount, a list), but no amount has a group of four after its first comma.
  /\b\d{3,4}\s*[,，]\s*\d{4}(?:\s*[,，]\s*\d{3,4})+\b/gu,
  // Chinese addresses: a road or street and its number, a compound with a building, unit or room,
  // and building, unit and room numbers on their own.
  new RegExp(`[\\p{Script=Han}\\d]{1,4}(?:路|街|道|巷|弄|胡同|大道)(?:${CN_PART})+`, "gu"),
  // A road and a bare number ("延安路327"), unless the number is a time, a length or an amount.
  /[\p{Script=Han}]{1,4}(?:路|街|大道|巷|弄|胡同)\s*\d{1,5}(?![\d.:：点时分秒钟个次元块岁年月日天周米里公kKmM])/gu,
  // An estate's building and room may be written as 3-501 ("阳光花园3-501": an outside probe).
  new RegExp(
    `[\\p{Script=Han}]{1,4}(?:小区|花园|公寓|新村|苑|家园|大厦|广场)(?:(?:${CN_PART})+|\\s*\\d{1,3}\\s*[-－—]\\s*\\d{2,4}(?!\\d))`,
    "gu",
  ),
  // "3栋501": a room number may follow a building with nothing after it (not a time: "5号楼 10点").
  new RegExp(
    `${CN_NUM}\\s*(?:号楼|號樓|栋|棟|幢|座|单元|單元|${ROOM_NOT_LAYOUT}|弄|#楼)(?:${CN_PART})*(?:\\s*-?\\s*\\d{3,4}(?![\\d点时分:：]))?`,
    "gu",
  ),
  new RegExp(`${CN_NUM}\\s*(?:号|號|楼|樓|层|層)(?:${CN_PART})+`, "gu"),
  // English addresses: a number, then a street name and type; a street and then its number;
  // flats, rooms and buildings; "No. 5".
  // A comma may follow the number ("42, Baker Street": an outside probe).
  new RegExp(`\\b\\d{1,5}[a-z]?,?\\s+(?:[\\p{L}][\\p{L}'’-]{0,30}\\s+){0,4}${STREET}\\b\\.?`, "giu"),
  new RegExp(`\\b\\d{1,5}[a-z]?,?\\s+(?:[A-Z][\\p{L}'’-]{0,30}\\s+){1,4}${STREET_CAPITALISED}\\b\\.?`, "gu"),
  // A lower-case "st" only after a street's name ("42 baker st"): "9 st 4 lb" is a weight in stones.
  /\b\d{1,5}[a-z]?,?\s+(?:[\p{L}][\p{L}'’-]{0,30}\s+){1,4}st\b\.?/giu,
  new RegExp(
    `\\b(?:[\\p{L}][\\p{L}'’-]{0,30}\\s+){1,4}${STREET}\\.?\\s*,?\\s*(?:no\\.?|number|#)\\s*\\d+[a-z]?\\b`,
    "giu",
  ),
  new RegExp(
    `\\b(?:[A-Z][\\p{L}'’-]{0,30}\\s+){1,4}(?:${STREET}|${STREET_CAPITALISED}|${STREET_ANY_CASE})\\.?\\s*,?\\s*\\d+[a-z]?\\b${NOT_A_MEASURE}`,
    "gu",
  ),
  new RegExp(`\\b${UNIT}\\.?\\s*(?:no\\.?|#)?\\s*\\d+[a-z]?\\b`, "giu"),
  // "No. 5" only before a street or a unit: "no. 1 priority" is not an address.
  new RegExp(
    `\\bn[or]\\.?\\s*\\d+[a-z]?(?=\\s*,?\\s*(?:[\\p{L}][\\p{L}'’-]{0,30}\\s+){0,4}(?:${STREET}|${UNIT})\\b)`,
    "giu",
  ),
];

// Dates are written with the separators of phone numbers ("2026-05-06", "06/05/2026"): they are
// taken out of what the phone pattern reads.
const DATES = /\b(?:\d{4}[-/.]\d{1,2}[-/.]\d{1,2}|\d{1,2}[-/.]\d{1,2}[-/.](?:19|20)\d{2})\b/gu;

/** Digits that count up or down one at a time ("1 2 3 4 5 6 7 8 9", 一二三…九 read aloud with a parent):
 *  counting, not a number anyone can be reached on. */
function isCounting(found: string): boolean {
  // Numbers apart ("1 2 … 9 10"), each one more or less than the one before.
  const numbers = found.split(/\D+/).filter(Boolean).map(Number);
  if (numbers.length >= 3) {
    const by = numbers[1]! - numbers[0]!;
    if ((by === 1 || by === -1) && numbers.every((n, i) => i === 0 || n - numbers[i - 1]! === by)) return true;
  }
  const digits = [...found.replace(/\D/g, "")].map(Number);
  const step = digits[1]! - digits[0]!;
  return (step === 1 || step === -1) && digits.every((d, i) => i === 0 || d - digits[i - 1]! === step);
}

/**
 * Readings and times in a row ("glucose 5.6 6.1 7.2 6.8", "7.00 7.30 8.00 9.00", "BP 120 80 118 79",
 * "128/82 131/85"): a list, not a number anyone can be reached on. An outside probe found
 * them masked, in the notes a family and a carer most need to read. Eleven digits that make a mainland
 * mobile are a number however they are set apart, and so is a run with a country code (+) or a trunk
 * 0 that is not three or more decimals or times.
 */
function isList(found: string): boolean {
  if (/^1[3-9]\d{9}$/.test(found.replace(/\D/g, ""))) return false;
  if (found.split(/\s+/).filter((token) => /\d[.:]\d/.test(token)).length >= 3) return true;
  if (/^(?:[+(]|0)/.test(found)) return false;
  const groups = found.split(/\D+/).filter(Boolean);
  return groups.length >= 4 && groups.every((g) => g.length >= 2 && g.length <= 3);
}

interface Masked {
  readonly text: string;
  readonly masked: boolean;
}

/**
 * What the masker knows of one parent, read from their address, access notes and phone: the numbers
 * in them (a door code, a house or room number, the phone) and the names of their street and estate.
 * The patterns guess at any address; these know the one that matters, so a text about that parent is
 * masked however it is written ("218 Qingchun", "the gate is 1838", "庆 春 路 2 1 8 号": an outside
 * probe found ways past the patterns alone).
 */
export interface KnownDetails {
  /** Tells two parents' details apart where masked texts are remembered. */
  readonly key: string;
  readonly numbers: ReadonlySet<string>;
  /** The phone's last seven digits: a run of digits holding them is the phone, however it starts. */
  readonly phoneTail: string | null;
  readonly names: RegExp | null;
}

export const NO_KNOWN_DETAILS: KnownDetails = Object.freeze({
  key: "",
  numbers: new Set<string>(),
  phoneTail: null,
  names: null,
});

export interface PrivateDetails {
  address: string;
  accessNotes: string;
  phone: string | null;
}

// Words of an address that name no one place: a street's name is the word before its type.
const NOT_A_NAME = new Set([
  ...`${STREET}|${STREET_CAPITALISED}|${UNIT}`
    .replace(/[(?:)]/g, "")
    .toLowerCase()
    .split("|"),
  ...["the", "and", "near", "of", "no", "number", "north", "south", "east", "west", "middle", "central"],
  ...["upper", "lower", "new", "old", "city", "district", "province", "county", "town", "village", "floor"],
]);
const STREET_WORD = `(?:${STREET.slice(3, -1)}|${STREET_CAPITALISED.slice(3, -1).toLowerCase()})`;
const CN_PLACE_TYPE = "(?:路|街|大道|巷|弄|胡同|小区|花园|公寓|新村|苑|家园|大厦|广场|社区)";
// What comes before a Chinese street's name in an address: province, city, district, a number's word.
const CN_BEFORE_NAME = /[省市区县镇乡号號楼樓栋棟幢座室层層弄]/u;

const rememberedDetails = new Map<string, KnownDetails>();

/** The details the masker knows of a parent (remembered: every job on a carer's page asks again). */
export function knownDetailsOf(details: PrivateDetails): KnownDetails {
  const key = `${details.address}\u0000${details.accessNotes}\u0000${details.phone ?? ""}`;
  let found = rememberedDetails.get(key);
  if (!found) {
    found = readDetails(details, key);
    if (rememberedDetails.size >= REMEMBER_ENTRIES) rememberedDetails.clear();
    rememberedDetails.set(key, found);
  }
  return found;
}

function readDetails({ address, accessNotes, phone }: PrivateDetails, key: string): KnownDetails {
  const numbers = new Set<string>();
  for (const source of [address, accessNotes])
    for (const run of normalise(source).text.match(/\d+/g) ?? []) if (run.length >= 3) numbers.add(run);
  const digits = phone?.replace(/\D/g, "") ?? "";
  const phoneTail = digits.length >= 7 ? digits.slice(-7) : null;
  const text = normalise(address).text;
  const latin = new Set<string>();
  const add = (word: string) => {
    const w = word.toLowerCase();
    if (w.length >= 3 && !NOT_A_NAME.has(w) && !/\d/.test(w)) latin.add(w);
  };
  // The one or two words before the street's type: a city before them is not the street.
  for (const m of text.matchAll(new RegExp(`((?:\\p{L}[\\p{L}'’-]*\\s+){1,2})${STREET_WORD}\\b`, "giu")))
    for (const word of m[1]!.trim().split(/\s+/)) add(word);
  // An address that starts with its number: the word after it ("218 Qingchun"), not a city after a room.
  const first = /^\s*\d{1,5}[a-z]?\s+(\p{L}[\p{L}'’-]+)/iu.exec(text);
  if (first) add(first[1]!);
  const han = new Set<string>();
  // Numerals are digits by now (文三路 reads 文3路): a name may hold them, with a Chinese character.
  for (const m of text.matchAll(new RegExp(`([\\p{Script=Han}\\d]{2,16}?)${CN_PLACE_TYPE}`, "gu"))) {
    const name = m[1]!.split(CN_BEFORE_NAME).at(-1)!.replace(/^\d+/, "");
    if (name.length >= 2 && /\p{Script=Han}/u.test(name)) han.add(name);
  }
  const alternatives = [
    // Letters as typed, spaced out or not, an apostrophe or not ("Yan'an", "Yanan", "Y a n a n").
    ...[...latin].map(
      (w) => `(?<!\\p{L})${[...w.replace(/['’-]/g, "")].map(escapeRegExp).join("['’\\s-]?")}(?!\\p{L})`,
    ),
    ...[...han].map((w) => [...w].map(escapeRegExp).join("\\s*")),
  ];
  // A name counts with what makes it a place: its street's type, or a number before or after it
  // ("218 Qingchun", "Qingchun, number 218", 庆春路). Alone it is a word ("how high", 今天阳光很好: a review).
  const name = `(?:${alternatives.join("|")})`;
  const type = `[\\s-]{0,3}(?:${STREET_WORD}|${CN_PLACE_TYPE})\\.?`;
  const after = `[\\s,，#]{0,3}(?:(?:no\\.?|number)\\s{0,3})?\\d(?:\\s?\\d){0,4}[a-z]?\\s{0,2}[号號]?${NOT_A_MEASURE}`;
  const names = alternatives.length
    ? new RegExp(
        `(?:\\b\\d{1,5}[a-z]?[\\s,，]{0,3}${name}(?:${type})?(?:${after})?|${name}${type}(?:${after})?|${name}${after})`,
        "giu",
      )
    : null;
  return { key, numbers, phoneTail, names };
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** What after a number makes it an amount, a time or a count. */
const COUNTED = new RegExp(
  `^${NOT_A_MEASURE.replace("(?!", "(?=")}|^\\s*(?:块|个|次|岁|步|天|周|年|月|日|楼|层|号楼|%)`,
  "u",
);

const DIGIT_RUN = new RegExp(`\\d(?:${SEP}{0,2}\\d)*`, "gu");

/** Where a normalised text holds the known details. */
function knownSpans(n: Normalised, known: KnownDetails): [number, number][] {
  const spans: [number, number][] = [];
  const add = (at: number, length: number) => spans.push([n.from[at]!, n.to[at + length - 1]!]);
  if (known.numbers.size > 0 || known.phoneTail) {
    for (const m of n.text.matchAll(DIGIT_RUN)) {
      const digits = m[0].replace(/\D/g, "");
      // Three digits (a house or room number) are masked only where they are not an amount, a time or a
      // count ("100元一次" stays though the home is No. 100: a review).
      const mayBeCount =
        digits.length === 3 && COUNTED.test(n.text.slice(m.index + m[0].length, m.index + m[0].length + 12));
      if (
        (known.numbers.has(digits) && !mayBeCount) ||
        m[0].split(/\D+/).some((group) => group.length >= 4 && known.numbers.has(group)) ||
        (known.phoneTail !== null && digits.includes(known.phoneTail))
      )
        add(m.index, m[0].length);
    }
  }
  if (known.names) for (const m of n.text.matchAll(known.names)) if (m[0].trim()) add(m.index, m[0].trimEnd().length);
  return spans;
}

/** The text with contact details replaced by MASK, and whether anything was masked. */
export function maskContactDetails(text: string, known: KnownDetails = NO_KNOWN_DETAILS): Masked {
  return mask(text, known);
}

// Stored texts are masked again on every read: every nearby carer's jobs page masks the same open
// requests' notes on every load (3.7% of that page's CPU). The mask is a pure function of the text, so
// their results are remembered, for short texts only and up to a bound; past it, start again rather
// than grow. Chat messages are masked once, when sent: they do not pass here, or one-off messages
// would keep flushing the notes read again and again.
const remembered = new Map<string, Masked>();
const REMEMBER_ENTRIES = 2000;
const REMEMBER_LENGTH = 2000;

/** maskContactDetails for a stored text read many times (request notes, offer tasks). */
export function maskStoredText(text: string, known: KnownDetails = NO_KNOWN_DETAILS): Masked {
  if (text.length > REMEMBER_LENGTH) return mask(text, known);
  const key = known.key ? `${known.key}\u0001${text}` : text;
  let found = remembered.get(key);
  if (!found) {
    found = Object.freeze(mask(text, known));
    if (remembered.size >= REMEMBER_ENTRIES) remembered.clear();
    remembered.set(key, found);
  }
  return found;
}

function mask(text: string, known: KnownDetails): Masked {
  return masked(text, spansOf(text, known));
}

/** Where the contact details of `text` are: spans of the original, sorted and merged. */
function spansOf(text: string, known: KnownDetails): [number, number][] {
  const n = normalise(text);
  const withoutDates = n.text.replace(DATES, (d) => "x".repeat(d.length));
  const spans: [number, number][] = [];
  for (const pattern of patterns) {
    for (const m of (pattern === PHONE ? withoutDates : n.text).matchAll(pattern)) {
      const found = m[0].trimEnd();
      if (pattern === PHONE && (isCounting(found) || isList(found))) continue;
      if (found) spans.push([n.from[m.index]!, n.to[m.index + found.length - 1]!]);
    }
  }
  if (known !== NO_KNOWN_DETAILS) spans.push(...knownSpans(n, known));
  return merged(text, spans);
}

/** Finds that overlap, touch or stand a space apart ("Building 3 Room 501") are one detail: one mask. */
function merged(text: string, spans: [number, number][]): [number, number][] {
  spans.sort((a, b) => a[0] - b[0]);
  const out: [number, number][] = [];
  for (const [start, end] of spans) {
    const last = out.at(-1);
    if (last && (start <= last[1] || !text.slice(last[1], start).trim())) last[1] = Math.max(last[1], end);
    else out.push([start, end]);
  }
  return out;
}

function masked(text: string, spans: [number, number][]): Masked {
  if (spans.length === 0) return { text, masked: false };
  let out = "";
  let at = 0;
  for (const [start, end] of spans) {
    out += text.slice(at, start) + MASK;
    at = end;
  }
  return { text: out + text.slice(at), masked: true };
}

/** How much of the messages before is read with the next one: more than any number is long. */
const BEFORE_CHARS = 64;

/**
 * `text` masked as the sender's next message after `before` (their last few, oldest first): a number
 * typed across messages ("138 0013", then "8000") is a number, and its part in this message is masked.
 * The part before was too short to reach anyone on its own. A number a mask already broke in the
 * messages before is not completed here: the digits that follow it ("…8000", then "5 people") stay.
 */
export function maskContactDetailsAfter(
  before: readonly string[],
  text: string,
  known: KnownDetails = NO_KNOWN_DETAILS,
): Masked {
  const earlier = sequence(before, known);
  return masked(
    text,
    merged(text, [...spansAfter(before, text, earlier, known), ...mobileAcrossFillers(before, text, earlier)]),
  );
}

/** What each message masked when it was sent, after the ones before it: each worked out once. */
function sequence(messages: readonly string[], known: KnownDetails): [number, number][][] {
  const out: [number, number][][] = [];
  messages.forEach((message, i) => {
    out.push(spansAfter(messages.slice(0, i), message, out.slice(0, i), known));
  });
  return out;
}

/**
 * A mainland mobile split across messages with others between ("…first half: 15900", "got that?",
 * "second half below", "772211": an outside probe): the run of digits of each message before that has
 * one, newest back to one that a mask cut or that holds several numbers (notes: "temp 36.6"), joined
 * to this message's first run. When they make exactly a mainland mobile, its run is masked.
 */
function mobileAcrossFillers(
  before: readonly string[],
  text: string,
  earlier: [number, number][][],
): [number, number][] {
  const run = /\d(?:[\s-]?\d)*/u.exec(text);
  if (!run || isCounting(run[0])) return [];
  let prior = "";
  for (let i = before.length - 1; i >= 0 && prior.length < 10; i--) {
    // The receiver saw a mask there: the number was already broken for them.
    if (earlier[i]!.length > 0) break;
    const runs = before[i]!.match(/\d(?:[\s-]?\d)*/gu) ?? [];
    // A message of several numbers ("temp 36.6", "BP 138 82, pulse 76") is notes, not half a number.
    if (runs.length > 1) break;
    if (runs[0]) prior = runs[0].replace(/\D/g, "") + prior;
  }
  // Together they make exactly a mainland mobile, which begins before this message.
  const digits = prior + run[0].replace(/\D/g, "");
  return prior && /^1[3-9]\d{9}$/.test(digits) ? [[run.index, run.index + run[0].length]] : [];
}

function spansAfter(
  before: readonly string[],
  text: string,
  earlier: [number, number][][],
  known: KnownDetails,
): [number, number][] {
  const own = spansOf(text, known);
  const full = before.join(" ");
  const cut = Math.max(0, full.length - BEFORE_CHARS);
  const tail = full.slice(cut);
  if (!tail.trim()) return own;
  // What each message before masked when it was sent (after the ones before it), placed in the tail.
  const maskedBefore: [number, number][] = [];
  let at = 0;
  before.forEach((message, i) => {
    for (const [start, end] of earlier[i]!) {
      maskedBefore.push([at + start - cut, at + end - cut]);
    }
    at += message.length + 1;
  });
  const offset = tail.length + 1;
  const across = spansOf(`${tail} ${text}`, known)
    .filter(([start, end]) => start < offset && end > offset)
    // A number already broken by a mask before is not completed here: what follows is something else.
    .filter(([start]) => !maskedBefore.some(([s, e]) => s < offset - 1 && e > start))
    .map(([, end]): [number, number] => [0, end - offset]);
  return merged(text, [...own, ...across]);
}
