// SMS wording for every kind, in English and Simplified Chinese, each linking to the page it is about.
import type { SmsKind } from "~db/schema";
import { en } from "~/i18n/locales/en";
import { zhCN } from "~/i18n/locales/zh-CN";
import { dateTimeFormat } from "~/i18n/formatters";
import { CARER_ONLY_KINDS, FAMILY_ONLY_KINDS, OPT_IN_KINDS, OPTIONAL_KINDS, PARENT_KINDS, URGENT_KINDS } from "./kinds";
import { countSegments, type SegmentInfo } from "./segments";

export type SmsLocale = "en" | "zh-CN";
type Params = Record<string, string | number>;

interface Template {
  /** Where the message links to, relative to PUBLIC_URL; null for codes. */
  path: (p: Params) => string | null;
  /** `readAt`: when the text is to be read (sent), which says whether a date needs its year. */
  en: (p: Params, readAt: Date) => string;
  "zh-CN": (p: Params, readAt: Date) => string;
}

/** A catalogue service's name in the recipient's language (params carry the key, e.g. "errands"). */
function serviceName(locale: SmsLocale, key: string | number | undefined): string {
  const names: Record<string, string> = (locale === "zh-CN" ? zhCN : en).catalogue.services;
  return names[String(key)] ?? String(key);
}

/** An amount in fen as a text writes it: ¥80, ¥80.50. */
function yuan(cents: string | number): string {
  const n = Number(cents);
  return `¥${n % 100 ? (n / 100).toFixed(2) : String(n / 100)}`;
}

/** Mainland China's zones: the time a Chinese reader knows as 北京时间 (Beijing time), not "GMT+8". */
const BEIJING_TIME_ZONES = new Set(["Asia/Shanghai", "Asia/Chongqing", "Asia/Chungking", "Asia/Harbin", "PRC"]);

/**
 * A clock time (with its date when asked) in the parent's zone, which it names: "09:48 GMT+8", and in
 * Chinese for a home in China "北京时间 09:48" (a Chinese text said "GMT+8", as no one in China writes it).
 */
function atHome(locale: SmsLocale, iso: unknown, timeZone: unknown, withDate: boolean, readAt: Date): string {
  const zone = String(timeZone);
  const at = new Date(String(iso));
  // The year too when the visit is in another year than the text is read in (a "Sun, Oct 31" of next
  // year read as this year's: an outside probe).
  const yearOf = (d: Date) => dateTimeFormat("en", { timeZone: zone, year: "numeric" }).format(d);
  const year = withDate && yearOf(at) !== yearOf(readAt) ? ({ year: "numeric" } as const) : {};
  const parts = dateTimeFormat(locale, {
    timeZone: zone,
    ...(withDate ? { ...year, month: "short", day: "numeric", weekday: "short" } : {}),
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
    timeZoneName: "short",
  }).formatToParts(at);
  const beijing = locale === "zh-CN" && BEIJING_TIME_ZONES.has(zone);
  return parts.map((p) => (beijing && p.type === "timeZoneName" ? "北京时间" : p.value)).join("");
}

/**
 * A visit's time in the recipient's language, in the parent's zone, which it names (GMT+8): a family
 * member abroad reads it on a phone set to their own. From `startsAt` (ISO) and `timeZone` when the
 * event gives them, or a `when` already written.
 */
function when(locale: SmsLocale, p: Params, readAt: Date): string {
  return p.startsAt && p.timeZone ? atHome(locale, p.startsAt, p.timeZone, true, readAt) : String(p.when ?? "");
}

/**
 * A clock time at the parent's home, naming its zone ("09:48 GMT+8"): "arrived at 09:48" read as the
 * reader's own time by a family member abroad (a new-user walk, from London). From `at` (ISO) and
 * `timeZone`, or a `time` already written (texts queued before).
 */
function clock(locale: SmsLocale, p: Params, readAt: Date): string {
  return p.at && p.timeZone ? atHome(locale, p.at, p.timeZone, false, readAt) : String(p.time ?? "");
}

const templates: Record<SmsKind, Template> = {
  verification_code: {
    path: () => null,
    en: (p) => `Your Kinvisit code is ${p.code}. It expires in 10 minutes. Never share it.`,
    "zh-CN": (p) => `【Kinvisit】验证码 ${p.code}，10分钟内有效，请勿告诉他人。`,
  },
  // A weekly series says so, with its weeks: the one text for eight visits read as one visit (a walk).
  visit_confirmed: {
    path: (p) => `/visits/${p.visitId}`,
    en: (p, readAt) =>
      p.weeks
        ? `Kinvisit: weekly visits booked with ${p.carerName} for ${p.parentName}, ${p.weeks} weeks from ${when("en", p, readAt)}.`
        : `Kinvisit: visit booked with ${p.carerName} for ${p.parentName} on ${when("en", p, readAt)}.`,
    "zh-CN": (p, readAt) =>
      p.weeks
        ? `【Kinvisit】每周探访已预约：${p.carerName} 自 ${when("zh-CN", p, readAt)} 起探访 ${p.parentName}，共 ${p.weeks} 周。`
        : `【Kinvisit】探访已预约：${p.carerName} 将于 ${when("zh-CN", p, readAt)} 探访 ${p.parentName}。`,
  },
  visit_reminder: {
    path: (p) => `/visits/${p.visitId}`,
    en: (p, readAt) => `Kinvisit reminder: visit to ${p.parentName} at ${when("en", p, readAt)}.`,
    "zh-CN": (p, readAt) => `【Kinvisit】提醒：${when("zh-CN", p, readAt)} 探访 ${p.parentName}。`,
  },
  carer_arrived: {
    path: (p) => `/visits/${p.visitId}`,
    en: (p, readAt) => `Kinvisit: ${p.carerName} arrived at ${p.parentName}'s home at ${clock("en", p, readAt)}.`,
    "zh-CN": (p, readAt) => `【Kinvisit】${p.carerName} 已于 ${clock("zh-CN", p, readAt)} 到达 ${p.parentName} 家。`,
  },
  // Links to the rating page (PRODUCT §7: rate from the text), which links back to the visit and its log.
  carer_left: {
    path: (p) => `/visits/${p.visitId}/rate`,
    en: (p, readAt) =>
      `Kinvisit: ${p.carerName} left at ${clock("en", p, readAt)} after ${p.minutes} min. Log and rating:`,
    "zh-CN": (p, readAt) =>
      `【Kinvisit】${p.carerName} 已于 ${clock("zh-CN", p, readAt)} 离开，共 ${p.minutes} 分钟。记录与评价：`,
  },
  visit_late: {
    path: (p) => `/visits/${p.visitId}`,
    en: (p, readAt) => `Kinvisit: the visit to ${p.parentName} due at ${when("en", p, readAt)} has not started yet.`,
    "zh-CN": (p, readAt) => `【Kinvisit】原定 ${when("zh-CN", p, readAt)} 对 ${p.parentName} 的探访尚未开始。`,
  },
  visit_missed: {
    path: (p) => `/visits/${p.visitId}`,
    en: (p, readAt) => `Kinvisit: the visit to ${p.parentName} due at ${when("en", p, readAt)} was missed.`,
    "zh-CN": (p, readAt) => `【Kinvisit】原定 ${when("zh-CN", p, readAt)} 对 ${p.parentName} 的探访未能进行。`,
  },
  visit_cancelled: {
    path: (p) => `/visits/${p.visitId}`,
    en: (p, readAt) =>
      `Kinvisit: the visit to ${p.parentName} on ${when("en", p, readAt)} was cancelled.${p.feeCents ? ` A fee of ${yuan(p.feeCents)} is due under the agreed terms.` : ""}`,
    "zh-CN": (p, readAt) =>
      `【Kinvisit】${when("zh-CN", p, readAt)} 对 ${p.parentName} 的探访已取消。${p.feeCents ? `按约定条款需支付取消费 ${yuan(p.feeCents)}。` : ""}`,
  },
  visit_late_carer: {
    path: (p) => `/visits/${p.visitId}`,
    en: (p, readAt) =>
      `Kinvisit: you have not checked in for the visit to ${p.parentName} due at ${when("en", p, readAt)}.`,
    "zh-CN": (p, readAt) => `【Kinvisit】您尚未到达打卡：原定 ${when("zh-CN", p, readAt)} 对 ${p.parentName} 的探访。`,
  },
  series_cancelled: {
    path: (p) => `/visits/${p.visitId}`,
    en: (p, readAt) =>
      `Kinvisit: the weekly visits to ${p.parentName} from ${when("en", p, readAt)} on were cancelled.`,
    "zh-CN": (p, readAt) => `【Kinvisit】自 ${when("zh-CN", p, readAt)} 起对 ${p.parentName} 的每周探访已取消。`,
  },
  // To the parent's own number: no link (the parent has no account), and the code is meant to be
  // read out to the family member who asked for it.
  parent_phone_code: {
    path: () => null,
    en: (p) => `Kinvisit: ${p.memberName} is adding this number for texts after visits. Tell them the code ${p.code}.`,
    "zh-CN": (p) => `【Kinvisit】${p.memberName} 正在为探访短信登记此号码，请把验证码 ${p.code} 告诉他们。`,
  },
  // To the owner of an email someone tried to sign up with: the sign-up page says nothing (ADR 015).
  account_notice: {
    path: () => "/login",
    en: (p) =>
      p.about === "phone"
        ? "Kinvisit: someone tried to add this number to another account. It stays on yours:"
        : "Kinvisit: someone tried to sign up with your email. If it was you, log in instead:",
    "zh-CN": (p) =>
      p.about === "phone"
        ? "【Kinvisit】有人尝试把此号码添加到另一个账户，它仍属于你的账户："
        : "【Kinvisit】有人尝试用你的邮箱注册。如果是你本人，请直接登录：",
  },
  parent_check: {
    path: () => null,
    en: (p) =>
      `Kinvisit: Did ${p.carerName} visit you ${p.day === "yesterday" ? "yesterday" : "today"}? Reply 1 for yes, 2 for no.`,
    "zh-CN": (p) =>
      `【Kinvisit】${p.carerName}${p.day === "yesterday" ? "昨天" : "今天"}来看望您了吗？来了请回复1，没来请回复2。`,
  },
  chat_message: {
    path: (p) => `/chat/${p.chatId}`,
    en: (p) => `Kinvisit: new message from ${p.senderName}.`,
    "zh-CN": (p) => `【Kinvisit】${p.senderName} 给你发来新消息。`,
  },
  dispute_resolved: {
    path: (p) => `/visits/${p.visitId}`,
    en: (p) =>
      `Kinvisit: an admin has decided the dispute about the visit to ${p.parentName}: ${
        p.outcome === "done"
          ? "the visit took place"
          : p.outcome === "missed"
            ? "the visit was missed"
            : "the visit is cancelled"
      }.`,
    "zh-CN": (p) =>
      `【Kinvisit】关于 ${p.parentName} 探访的争议已由管理员裁定：${
        p.outcome === "done" ? "探访已完成" : p.outcome === "missed" ? "探访未进行" : "探访已取消"
      }。`,
  },
  nearby_job: {
    path: (p) => `/carer/jobs/${p.requestId}`,
    en: (p) => `Kinvisit: new job near you: ${serviceName("en", p.service)}, about ${p.km} km away.`,
    "zh-CN": (p) => `【Kinvisit】附近有新工作：${serviceName("zh-CN", p.service)}，距你约 ${p.km} 公里。`,
  },
};

export { CARER_ONLY_KINDS, FAMILY_ONLY_KINDS, OPT_IN_KINDS, OPTIONAL_KINDS, PARENT_KINDS, URGENT_KINDS };
/** Every kind the app sends: a template each (the Record above fails the build when one is missing). */
export const SMS_KINDS = Object.keys(templates) as SmsKind[];

export interface RenderedSms extends SegmentInfo {
  body: string;
}

export function renderSms(
  kind: SmsKind,
  locale: SmsLocale,
  params: Params,
  publicUrl: string,
  readAt: Date,
): RenderedSms {
  const template = templates[kind];
  const path = template.path(params);
  const text = template[locale](params, readAt);
  const body = path ? `${text} ${new URL(path, publicUrl).toString()}` : text;
  return { body, ...countSegments(body) };
}

export function helpReply(locale: SmsLocale): string {
  return locale === "zh-CN"
    ? "【Kinvisit】长辈探访服务通知。回复 STOP 或 TD 退订，回复 START 恢复。帮助请登录账户。"
    : "Kinvisit: visit updates for your family. Reply STOP to opt out, START to opt back in. Help: log in to your account.";
}

/** The answer to a parent's reply to "did the carer come?", in the parent's language. */
export function parentAnswerReply(locale: SmsLocale): string {
  return locale === "zh-CN"
    ? "【Kinvisit】谢谢您，家人会看到您的回答。"
    : "Kinvisit: thank you. Your family will see your answer.";
}
