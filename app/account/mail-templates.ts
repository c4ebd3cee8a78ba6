// The wording of every email, in English and Simplified Chinese (the recipient's language).
import type { UserLocale } from "~db/schema";
import type { MailKind } from "./mail.server";

type Params = Record<string, string>;

const templates: Record<MailKind, Record<UserLocale, (p: Params) => { subject: string; body: string }>> = {
  password_reset: {
    en: (p) => ({
      subject: "Reset your Kinvisit password",
      body: `Someone asked to reset the password of your Kinvisit account. To choose a new one, open this link within ${p.minutes} minutes (it works once):\n\n${p.link}\n\nIf it was not you, ignore this email: your password stays as it is.`,
    }),
    "zh-CN": (p) => ({
      subject: "重置你的 Kinvisit 密码",
      body: `有人申请重置你的 Kinvisit 账户密码。请在 ${p.minutes} 分钟内打开以下链接设置新密码（仅可使用一次）：\n\n${p.link}\n\n如果不是你本人操作，请忽略此邮件，你的密码不会改变。`,
    }),
  },
  email_changed: {
    en: (p) => ({
      subject: "Your Kinvisit email address was changed",
      body: `The email address of your Kinvisit account was changed to ${p.email}. If it was not you, reset your password by text message and contact us.`,
    }),
    "zh-CN": (p) => ({
      subject: "你的 Kinvisit 邮箱已更改",
      body: `你的 Kinvisit 账户邮箱已改为 ${p.email}。如果不是你本人操作，请通过短信重置密码并联系我们。`,
    }),
  },
  password_changed: {
    en: () => ({
      subject: "Your Kinvisit password was changed",
      body: "The password of your Kinvisit account was changed, and every other session was logged out. If it was not you, reset your password now.",
    }),
    "zh-CN": () => ({
      subject: "你的 Kinvisit 密码已更改",
      body: "你的 Kinvisit 账户密码已更改，其他设备均已退出登录。如果不是你本人操作，请立即重置密码。",
    }),
  },
  deletion_scheduled: {
    en: (p) => ({
      subject: "Your Kinvisit account will be deleted",
      body: `Your Kinvisit account will be deleted on ${p.date}. To keep it, log in before then and choose "Keep my account".`,
    }),
    "zh-CN": (p) => ({
      subject: "你的 Kinvisit 账户将被删除",
      body: `你的 Kinvisit 账户将于 ${p.date} 删除。如需保留，请在此之前登录并选择"保留我的账户"。`,
    }),
  },
  removed_from_family: {
    en: (p) => ({
      subject: `You were removed from ${p.parent}'s family on Kinvisit`,
      body: `${p.by} removed you from ${p.parent}'s family on Kinvisit. You no longer see ${p.parent}'s details, visits or conversations. Your open visit requests for ${p.parent} were cancelled and your open offers withdrawn; visits already booked go ahead. If you think this is a mistake, ask ${p.by} to invite you again.`,
    }),
    "zh-CN": (p) => ({
      subject: `你已被移出 ${p.parent} 的家属名单（Kinvisit）`,
      body: `${p.by} 已将你移出 Kinvisit 上 ${p.parent} 的家属名单。你将无法再查看 ${p.parent} 的资料、探访和对话。你为 ${p.parent} 发布的未成交探访需求已取消，未处理的报价已撤回；已预约的探访照常进行。如有误会，请联系 ${p.by} 重新邀请你。`,
    }),
  },
};

export function renderMail(kind: MailKind, locale: UserLocale, params: Params) {
  return templates[kind][locale](params);
}
