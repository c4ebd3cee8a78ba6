import { describe, expect, it } from "vitest";
import { MASK, maskContactDetails } from "./masking";

const masked = (s: string) => maskContactDetails(s).text;

describe("masking contact details before a visit is booked", () => {
  it.each([
    ["call me on 138 0013 8000", "call me on ▒▒▒"],
    ["my number is +86-138-0013-8000 thanks", "my number is ▒▒▒ thanks"],
    ["UK: +44 7911 123456", "UK: ▒▒▒"],
    ["电话：13800138000", "电话：▒▒▒"],
    ["打我电话１３８００１３８０００", "打我电话▒▒▒"],
    ["手机一三八零零一三八零零零", "手机▒▒▒"],
    ["(0571) 8765-4321", "▒▒▒"],
  ])("phone numbers: %s", (input, expected) => {
    expect(masked(input)).toBe(expected);
  });

  it.each([
    ["mail me at li.wei@example.com", "mail me at ▒▒▒"],
    ["邮箱 wang＠qq.com", "邮箱 ▒▒▒"],
    ["see https://example.com/me and www.foo.cn", "see ▒▒▒ and ▒▒▒"],
    ["加我微信：wxid_abc123", "加我▒▒▒"],
    ["my site is carer-li.com/about", "my site is ▒▒▒"],
  ])("emails, links and messaging ids: %s", (input, expected) => {
    expect(masked(input)).toBe(expected);
  });

  it.each([
    ["She lives at 7 Hefang Street, near the lake", "She lives at ▒▒▒, near the lake"],
    ["Flat 12, 30 Nathan Road", "▒▒▒, ▒▒▒"],
    ["door code 4321#", "▒▒▒"],
    ["门禁密码：1234", "▒▒▒"],
  ])("addresses and door codes: %s", (input, expected) => {
    expect(masked(input)).toBe(expected);
  });

  // Chinese has no spaces between words, so a few characters before a street name may go too:
  // masking more than needed is the safe side. What matters is that the address is gone.
  it.each([
    ["地址是河坊街7号", ["河坊街", "7号"]],
    ["西湖区文三路100号3幢2单元502室", ["文三路", "100号", "502室"]],
    ["我住在翠苑小区5栋", ["翠苑小区", "5栋"]],
  ])("Chinese addresses: %s", (input, secrets) => {
    const out = masked(input);
    expect(out).toContain(MASK);
    for (const secret of secrets) expect(out).not.toContain(secret);
  });

  it.each([
    "Can you come on Tuesday at 10:30 for 90 minutes?",
    "She is 82 and loves opera; 2 visits a week would be great.",
    "周二上午十点可以吗？大概一个半小时。",
    "The price is 120 yuan per visit, 3 visits.",
    "I have 5 years of experience with dementia care.",
  ])("leaves ordinary messages alone: %s", (input) => {
    expect(maskContactDetails(input)).toEqual({ text: input, masked: false });
  });

  it("says whether anything was masked", () => {
    expect(maskContactDetails("13800138000").masked).toBe(true);
    expect(masked("13800138000")).toBe(MASK);
  });
});
