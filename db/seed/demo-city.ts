// The demo city (Hangzhou): a known account for every role, plus about 300 carers, 100 families with
// a parent each and 50 open visit requests across the real districts. Deterministic (seeded PRNG),
// inserted in batches so a first start on PGlite stays quick.
import { sql } from "drizzle-orm";
import {
  carerAvailability,
  carers,
  carerServices,
  languageCodes,
  parentMembers,
  parents,
  serviceKinds,
  users,
  visitRequests,
  type LanguageCode,
  type ServiceKind,
} from "../schema";
import type { Database } from "../client";
import { type PhotoStore, renderCarerAvatars, setPhotoKeys } from "./demo-avatars";
import { hashPassword } from "../../app/auth/password.server";
import { insertRows } from "./insert-rows";
import { servicePriceColumns } from "../../app/carers/carers.server";
import { seedRatings } from "./ratings";
import { adminDemoIds, seedAdminDemo } from "./admin";

export const DEMO_PASSWORD = "kinvisit-demo";
/** A fixed id, so adding her does not shift the generated people. */
const FAMILY_A_SISTER_ID = "5a5a5a5a-0000-4000-8000-00000000a51a";

export const demoAccounts = [
  { email: "admin@kinvisit.test", name: "Admin 管理员", role: "admin", phone: "+8613800138000", locale: "en" },
  { email: "family.a@kinvisit.test", name: "Li Wei 李伟", role: "family", phone: "+8613800138001", locale: "en" },
  { email: "family.b@kinvisit.test", name: "陈静 Chen Jing", role: "family", phone: "+8613800138002", locale: "zh-CN" },
  { email: "carer.x@kinvisit.test", name: "王芳 Wang Fang", role: "carer", phone: "+8613800138003", locale: "zh-CN" },
  { email: "carer.y@kinvisit.test", name: "Zhang Min 张敏", role: "carer", phone: "+8613800138004", locale: "en" },
] as const;

export const DEMO_COUNTS = { carers: 300, families: 100, openRequests: 50 } as const;

/** Real districts of Hangzhou with a centre and a spread (degrees) for scattering homes. */
export const districts = [
  { en: "Shangcheng", zh: "上城区", lat: 30.2425, lng: 120.169, spread: 0.025 },
  { en: "Gongshu", zh: "拱墅区", lat: 30.319, lng: 120.142, spread: 0.03 },
  { en: "Xihu", zh: "西湖区", lat: 30.259, lng: 120.13, spread: 0.03 },
  { en: "Binjiang", zh: "滨江区", lat: 30.2084, lng: 120.211, spread: 0.025 },
  { en: "Xiaoshan", zh: "萧山区", lat: 30.185, lng: 120.264, spread: 0.05 },
  { en: "Yuhang", zh: "余杭区", lat: 30.29, lng: 120.0, spread: 0.05 },
  { en: "Linping", zh: "临平区", lat: 30.419, lng: 120.3, spread: 0.03 },
  { en: "Qiantang", zh: "钱塘区", lat: 30.305, lng: 120.49, spread: 0.04 },
  { en: "Fuyang", zh: "富阳区", lat: 30.049, lng: 119.96, spread: 0.04 },
  { en: "Lin'an", zh: "临安区", lat: 30.233, lng: 119.724, spread: 0.04 },
] as const;

const surnames = [
  ["Wang", "王"],
  ["Li", "李"],
  ["Zhang", "张"],
  ["Liu", "刘"],
  ["Chen", "陈"],
  ["Yang", "杨"],
  ["Zhao", "赵"],
  ["Huang", "黄"],
  ["Zhou", "周"],
  ["Wu", "吴"],
  ["Xu", "徐"],
  ["Sun", "孙"],
  ["Hu", "胡"],
  ["Zhu", "朱"],
  ["Gao", "高"],
  ["Lin", "林"],
  ["He", "何"],
  ["Guo", "郭"],
  ["Ma", "马"],
  ["Luo", "罗"],
  ["Shen", "沈"],
  ["Jiang", "蒋"],
  ["Qian", "钱"],
  ["Lu", "陆"],
] as const;
/** Given names by the gender they are usually given to, so a carer's name matches the gender shown. */
export const femaleGiven = [
  ["Fang", "芳"],
  ["Min", "敏"],
  ["Jing", "静"],
  ["Li", "丽"],
  ["Yan", "艳"],
  ["Juan", "娟"],
  ["Xiulan", "秀兰"],
  ["Xia", "霞"],
  ["Guiying", "桂英"],
  ["Hui", "慧"],
  ["Yun", "云"],
  ["Ping", "萍"],
] as const;
export const maleGiven = [
  ["Qiang", "强"],
  ["Lei", "磊"],
  ["Jun", "军"],
  ["Yang", "洋"],
  ["Yong", "勇"],
  ["Jie", "杰"],
  ["Tao", "涛"],
  ["Ming", "明"],
  ["Chao", "超"],
  ["Gang", "刚"],
  ["Wen", "文"],
  ["Hao", "浩"],
] as const;
const englishFemale = ["Grace", "Emily", "Sophie", "Linda", "Helen", "Amy"] as const;
const englishMale = ["Daniel", "Kevin", "Michael", "Peter", "David", "Tony"] as const;
export const elderFemaleGiven = [
  ["Guiying", "桂英"],
  ["Xiulan", "秀兰"],
  ["Shufen", "淑芬"],
  ["Yulan", "玉兰"],
  ["Fengying", "凤英"],
  ["Lanying", "兰英"],
  ["Cuihua", "翠花"],
] as const;
export const elderMaleGiven = [
  ["Dehua", "德华"],
  ["Jianguo", "建国"],
  ["Zhiqiang", "志强"],
  ["Guoqing", "国庆"],
  ["Baoshan", "宝山"],
] as const;
const streets = [
  ["Wensan Road", "文三路"],
  ["Tianmushan Road", "天目山路"],
  ["Jiefang Road", "解放路"],
  ["Yan'an Road", "延安路"],
  ["Moganshan Road", "莫干山路"],
  ["Jianghan Road", "江汉路"],
  ["Shixin Road", "市心路"],
  ["Wenyi West Road", "文一西路"],
  ["Qingchun Road", "庆春路"],
  ["Binsheng Road", "滨盛路"],
  ["Hangzhou Bay Road", "杭州湾路"],
  ["Fuchun Road", "富春路"],
] as const;
const bios = [
  "Retired nurse who loves a good chat over tea. 退休护士，喜欢陪老人喝茶聊天。",
  "University student in social work; patient and good with phones. 社工专业学生，耐心，会教用手机。",
  "I cook Hangzhou home dishes and enjoy walks by the lake. 会做杭帮菜，喜欢陪老人去湖边散步。",
  "Former primary-school teacher; I read aloud and play chess. 退休小学老师，会读报、下棋。",
  "Neighbourhood volunteer for ten years. 社区志愿者十年。",
  "Experienced clinic escort, familiar with the big hospitals. 熟悉各大医院流程，陪诊经验丰富。",
] as const;

/** mulberry32: small, fast, deterministic. */
function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
    pick: <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!,
    some: <T>(list: readonly T[], n: number): T[] => [...list].sort(() => next() - 0.5).slice(0, n),
    chance: (p: number) => next() < p,
    uuid: () => {
      const hex = Array.from({ length: 32 }, () => Math.floor(next() * 16).toString(16)).join("");
      return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${((parseInt(hex[16]!, 16) & 3) | 8).toString(16)}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
    },
  };
}
type Rng = ReturnType<typeof prng>;

function pointIn(rng: Rng, d: (typeof districts)[number]) {
  // Sum of two uniforms: denser towards the district centre.
  const jitter = () => (rng.next() + rng.next() - 1) * d.spread;
  return { lat: Math.round((d.lat + jitter()) * 1e6) / 1e6, lng: Math.round((d.lng + jitter()) * 1e6) / 1e6 };
}

type Sex = "female" | "male";

/** A bilingual name whose given name (Chinese and English) fits `sex`; null picks either. */
function personName(rng: Rng, sex: Sex | null, { elder = false } = {}) {
  const female = sex === "female" || (sex === null && rng.chance(0.5));
  const [sEn, sZh] = rng.pick(surnames);
  const [gEn, gZh] = rng.pick<readonly [string, string]>(
    elder ? (female ? elderFemaleGiven : elderMaleGiven) : female ? femaleGiven : maleGiven,
  );
  if (!elder && rng.chance(0.15)) return `${rng.pick(female ? englishFemale : englishMale)} ${sEn} ${sZh}${gZh}`;
  return rng.chance(0.5) ? `${sZh}${gZh} ${sEn} ${gEn}` : `${sEn} ${gEn} ${sZh}${gZh}`;
}

function carerLanguages(rng: Rng): LanguageCode[] {
  const dialects = languageCodes.filter((l) => l !== "mandarin" && l !== "english");
  const extra: LanguageCode[] = rng.some(dialects, rng.int(0, 2));
  if (rng.chance(0.7) && !extra.includes("hangzhounese")) extra.push("hangzhounese");
  if (rng.chance(0.25)) extra.push("english");
  return ["mandarin", ...extra];
}

export interface DemoIds {
  familyAParent: string;
  familyBParent: string;
}

export async function isDatabaseEmpty(db: Database): Promise<boolean> {
  const rows = await db.select({ one: sql<number>`1` }).from(users).limit(1);
  return rows.length === 0;
}

/** Deletes every row of every app table (not the migrations table). */
export async function truncateAll(db: Database): Promise<void> {
  await db.execute(sql`truncate table users, sessions, rate_limits, parents, parent_members, parent_invitations,
    carers, carer_services, carer_availability, visit_requests,
    sms_messages, sms_opt_outs, sms_preferences, sms_inbound, phone_codes, form_submissions,
    ratings, carer_scores, rating_peer_groups, password_resets, mail_messages, carer_checks, audit_log restart identity cascade`);
}

export async function seedDemoCity(
  db: Database,
  { photos }: { photos?: PhotoStore } = {},
): Promise<{ accounts: typeof demoAccounts; ids: DemoIds }> {
  const rng = prng(20260501);
  const passwordHash = await hashPassword(DEMO_PASSWORD); // once, reused by every demo account
  const now = new Date();
  const demoIds = Object.fromEntries(demoAccounts.map((a) => [a.email, rng.uuid()])) as Record<
    (typeof demoAccounts)[number]["email"],
    string
  >;

  // Generated people.
  const userRows: (typeof users.$inferInsert)[] = demoAccounts.map((a) => ({
    ...a,
    id: demoIds[a.email],
    passwordHash,
    phoneVerifiedAt: now,
  }));
  const carerRows: (typeof carers.$inferInsert)[] = [];
  const serviceRows: (typeof carerServices.$inferInsert)[] = [];
  const availabilityRows: (typeof carerAvailability.$inferInsert)[] = [];
  const parentRows: (typeof parents.$inferInsert)[] = [];
  const memberRows: (typeof parentMembers.$inferInsert)[] = [];
  const requestRows: (typeof visitRequests.$inferInsert)[] = [];

  const addCarer = (
    userId: string,
    at: { lat: number; lng: number },
    over: Partial<typeof carers.$inferInsert> = {},
  ) => {
    carerRows.push({
      userId,
      bio: rng.pick(bios),
      gender: null,
      languages: carerLanguages(rng),
      lat: at.lat,
      lng: at.lng,
      radiusM: rng.pick([1, 2, 3, 5, 5, 8, 10, 12, 15, 20]) * 1000,
      timeZone: "Asia/Shanghai",
      faq: [
        {
          question: "Can you help with the phone? 会教用手机吗？",
          answer: "Yes, WeChat video calls too. 会，也可以帮忙微信视频。",
        },
      ],
      quickPhrases: ["On my way 我出发了", "Arrived 已到达", "All is well 一切都好"],
      verifiedAt: rng.chance(0.6) ? new Date(now.getTime() - rng.int(1, 300) * 86_400_000) : null,
      ...over,
    });
    const offered = rng.some(serviceKinds, rng.int(2, 5));
    if (!offered.includes("companionship") && rng.chance(0.6)) offered.push("companionship");
    const prices = new Map<ServiceKind, { priceCents: number }>();
    for (const service of offered) {
      const row = {
        carerId: userId,
        service,
        priceCents: rng.int(6, 30) * 500,
        minMinutes: rng.pick([30, 60, 60, 90, 120]),
      };
      serviceRows.push(row);
      prices.set(service, row);
    }
    Object.assign(carerRows.at(-1)!, servicePriceColumns(prices));
    for (const weekday of rng.some([0, 1, 2, 3, 4, 5, 6], rng.int(2, 6))) {
      const start = rng.pick([7, 8, 9, 13, 14]) * 60;
      availabilityRows.push({
        carerId: userId,
        weekday,
        startMinute: start,
        endMinute: start + rng.pick([3, 4, 5]) * 60,
      });
    }
  };

  const addParent = (
    ownerId: string,
    district: (typeof districts)[number],
    at: { lat: number; lng: number },
    name?: string,
  ) => {
    const id = rng.uuid();
    const [streetEn, streetZh] = rng.pick(streets);
    const no = rng.int(1, 399);
    parentRows.push({
      id,
      name: name ?? personName(rng, null, { elder: true }),
      birthYear: rng.int(1935, 1958),
      address: `${no} ${streetEn}, ${district.en} District · ${district.zh}${streetZh}${no}号`,
      phone: `+86571${String(rng.int(10_000_000, 99_999_999))}`,
      lat: at.lat,
      lng: at.lng,
      timeZone: "Asia/Shanghai",
      languages: rng.chance(0.8)
        ? ["mandarin", "hangzhounese"]
        : ["mandarin", rng.pick(["shanghainese", "wu", "cantonese"] as const)],
      needs: rng.some(["mobility", "hearing", "vision", "diet", "medication", "memory"], rng.int(0, 3)),
      interests: rng.pick(["Yue opera 越剧", "Mahjong 麻将", "Tai chi 太极", "Calligraphy 书法", "Gardening 养花"]),
      emergencyContacts: [
        { name: "Neighbour 邻居", relation: "neighbour", phone: `+86139${String(rng.int(10_000_000, 99_999_999))}` },
      ],
      accessNotes: `Door code ${rng.int(1000, 9999)}# · 门禁 ${rng.int(1000, 9999)}#`,
      visitGoalVisits: rng.pick([4, 8, 12]),
      visitGoalMinutes: rng.pick([240, 480, 720]),
      createdBy: ownerId,
    });
    memberRows.push({ parentId: id, userId: ownerId, role: "owner" });
    return id;
  };

  // The known demo data: family A's mother near West Lake, family B's father in Binjiang,
  // carer X a few streets from A's mother, carer Y near B's father.
  // Family A's sister shares their mother's care: she booked carer X's weekly visits over the past
  // year (db/seed/ratings.ts), so Li Wei (family A) still opens a first conversation with carer X.
  userRows.push({
    id: FAMILY_A_SISTER_ID,
    email: "li.na@demo.kinvisit.test",
    name: "Li Na 李娜",
    passwordHash,
    phone: "+8613600009999",
    role: "family",
    locale: "zh-CN",
    phoneVerifiedAt: now,
  });
  const xihu = districts[2];
  const binjiang = districts[3];
  const familyAParent = addParent(
    demoIds["family.a@kinvisit.test"],
    xihu,
    { lat: 30.259312, lng: 120.138467 },
    "Li Guiying 李桂英",
  );
  memberRows.push({ parentId: familyAParent, userId: FAMILY_A_SISTER_ID, role: "member" });
  const familyBParent = addParent(
    demoIds["family.b@kinvisit.test"],
    binjiang,
    { lat: 30.207645, lng: 120.214932 },
    "陈德华 Chen Dehua",
  );
  addCarer(
    demoIds["carer.x@kinvisit.test"],
    { lat: 30.266184, lng: 120.129805 },
    { radiusM: 5000, gender: "female", verifiedAt: new Date(now.getTime() - 30 * 86_400_000) },
  );
  addCarer(
    demoIds["carer.y@kinvisit.test"],
    { lat: 30.214508, lng: 120.206117 },
    { radiusM: 6000, gender: "female", verifiedAt: null },
  );

  for (let i = 0; i < DEMO_COUNTS.carers - 2; i++) {
    const id = rng.uuid();
    const district = rng.pick(districts);
    // Most carers say their gender; the name fits it (or either, for those who do not say).
    const gender = rng.chance(0.1) ? null : rng.chance(0.7) ? ("female" as const) : ("male" as const);
    userRows.push({
      id,
      email: `carer${i + 1}@demo.kinvisit.test`,
      name: personName(rng, gender),
      passwordHash,
      phone: `+86137${String(10_000_000 + i)}`,
      role: "carer",
      locale: rng.chance(0.7) ? "zh-CN" : "en",
      phoneVerifiedAt: now,
    });
    addCarer(id, pointIn(rng, district), { gender });
  }
  const parentIds = [familyAParent, familyBParent];
  for (let i = 0; i < DEMO_COUNTS.families - 2; i++) {
    const id = rng.uuid();
    userRows.push({
      id,
      email: `family${i + 1}@demo.kinvisit.test`,
      name: personName(rng, null),
      passwordHash,
      phone: `+86136${String(10_000_000 + i)}`,
      role: "family",
      locale: rng.chance(0.6) ? "zh-CN" : "en",
      phoneVerifiedAt: now,
    });
    const district = rng.pick(districts);
    parentIds.push(addParent(id, district, pointIn(rng, district)));
  }
  // Open requests: the first two are the demo families'; the rest spread over the other parents. Their
  // ids come from a generator of their own (the main one's sequence, and so the rest of the city, stays
  // as it was): a list ordered by distance breaks ties by id, and must come out the same every seed.
  const requestIds = prng(20261205);
  for (let i = 0; i < DEMO_COUNTS.openRequests; i++) {
    const parent = parentRows[i < 2 ? i : rng.int(2, parentRows.length - 1)]!;
    const weekly = rng.chance(0.3);
    const day = new Date(now.getTime() + rng.int(1, 14) * 86_400_000);
    day.setUTCHours(rng.pick([0, 1, 2, 5, 6]), rng.pick([0, 30]), 0, 0); // 08:00–14:30 in Shanghai
    requestRows.push({
      id: requestIds.uuid(),
      parentId: parent.id!,
      createdBy: parent.createdBy!,
      service: rng.pick(serviceKinds) as ServiceKind,
      startsAt: weekly ? null : day,
      weekdays: weekly ? rng.some([1, 2, 3, 4, 5, 6, 0], rng.int(1, 3)).sort() : null,
      startMinute: weekly ? rng.pick([540, 600, 840]) : null,
      durationMinutes: rng.pick([60, 90, 120, 180]),
      budgetCents: rng.chance(0.8) ? rng.int(8, 40) * 1000 : null,
      notes: rng.pick([
        "Likes to talk about the old days. 喜欢聊往事。",
        "Please bring fruit from the market. 请顺路买些水果。",
        "Needs help to the clinic on the 2nd floor. 需要陪同去二楼诊室。",
        "",
      ]),
      lat: parent.lat,
      lng: parent.lng,
    });
  }

  await db.transaction(async (tx) => {
    await insertRows(tx, users, userRows);
    await insertRows(tx, carers, carerRows);
    await insertRows(tx, carerServices, serviceRows);
    await insertRows(tx, carerAvailability, availabilityRows);
    await insertRows(tx, parents, parentRows);
    await insertRows(tx, parentMembers, memberRows);
    await insertRows(tx, visitRequests, requestRows);
  });
  // The photos render in sharp's threads while the ratings are written; their keys are set after.
  const avatars = photos
    ? renderCarerAvatars(
        carerRows.map((c) => ({ id: c.userId, gender: c.gender ?? null })),
        photos,
      )
    : Promise.resolve([]);
  avatars.catch(() => {}); // awaited below; not unhandled while the ratings are written
  await seedRatings(db, {
    carerX: demoIds["carer.x@kinvisit.test"],
    carerY: demoIds["carer.y@kinvisit.test"],
    familyA: demoIds["family.a@kinvisit.test"],
    familyASister: FAMILY_A_SISTER_ID,
    familyAParent,
  });
  await setPhotoKeys(db, await avatars);
  await seedAdminDemo(db, adminDemoIds(demoIds, familyAParent), now);
  return { accounts: demoAccounts, ids: { familyAParent, familyBParent } };
}
