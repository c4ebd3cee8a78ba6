// lite-i18n must say exactly what i18next says for our catalogues, or hydration would not match the
// server's HTML and pages would read differently. Every key of both catalogues, with its placeholders.
import { createInstance } from "i18next";
import { describe, expect, it } from "vitest";
import { i18nOptions } from "./config";
import { i18nFor } from "./i18n.server";
import { type Catalogue, createLiteI18n, recordingI18n, translate } from "./lite-i18n";
import { en } from "./locales/en";
import { zhCN } from "./locales/zh-CN";

const catalogues = { en, "zh-CN": zhCN } as const;

/** Real i18next over our catalogues, or over one English catalogue made for a test. */
function reference(lng: keyof typeof catalogues, only?: Catalogue) {
  const i18n = createInstance();
  void i18n.init({
    ...i18nOptions,
    resources: only ? { en: { translation: only } } : { en: { translation: en }, "zh-CN": { translation: zhCN } },
    lng,
    initImmediate: false,
  });
  return i18n;
}

function entries(obj: Catalogue, prefix = ""): [string, string][] {
  return Object.entries(obj).flatMap(([k, v]) =>
    typeof v === "string" ? [[`${prefix}${k}`, v] as [string, string]] : entries(v, `${prefix}${k}.`),
  );
}

describe("lite-i18n", () => {
  for (const lng of ["en", "zh-CN"] as const) {
    it(`translates every ${lng} key as i18next does`, () => {
      const i18next = reference(lng);
      const lite = i18nFor(lng);
      let checked = 0;
      for (const [key, text] of entries(catalogues[lng])) {
        const names = [...text.matchAll(/\{\{(.+?)\}\}/g)].map((m) => m[1]!.trim());
        const samples: Record<string, unknown>[] = [
          {},
          Object.fromEntries(names.map((n, i) => [n, `v${i} <b>&"`])),
          Object.fromEntries(names.map((n, i) => [n, i + 1.5])),
          { count: 0 },
          { count: 1 },
          { count: 7, ...Object.fromEntries(names.map((n) => [n, 0])) },
        ];
        for (const options of samples) {
          expect(lite.t(key, options), `${lng} ${key} ${JSON.stringify(options)}`).toBe(i18next.t(key, options));
          checked += 1;
        }
      }
      expect(checked).toBeGreaterThan(400);
    });
  }

  it("finds no key of ours with a dot or a space in it (keys are looked up as dotted paths)", () => {
    const names = (obj: Catalogue): string[] =>
      Object.entries(obj).flatMap(([k, v]) => [k, ...(typeof v === "string" ? [] : names(v))]);
    for (const catalogue of Object.values(catalogues)) {
      expect(names(catalogue).filter((k) => /[.\s]/.test(k) || k === "")).toEqual([]);
    }
  });

  it("answers a missing key, a partial key and a missing value as i18next does", () => {
    const i18next = reference("en");
    const lite = i18nFor("en");
    for (const key of ["no.such.key", "nav", "home.title.more", ""]) {
      expect(lite.t(key), key).toBe(i18next.t(key));
    }
    expect(lite.t("carers.fromPrice")).toBe(i18next.t("carers.fromPrice"));
    expect(lite.t("carers.fromPrice", { other: 1 })).toBe(i18next.t("carers.fromPrice", { other: 1 }));
  });

  it("picks plural forms by the language's rules when a catalogue has them", () => {
    const catalogue = { item: "{{count}} things", item_one: "one thing", item_zero: "nothing" };
    const i18next = reference("en", catalogue);
    for (const count of [0, 1, 2, 5]) {
      expect(translate("en", catalogue, "item", { count })).toBe(i18next.t("item", { count }));
    }
  });

  it("fills a text's placeholders afresh each time, spaced and nested ones too, as i18next does", () => {
    // Texts are split at their placeholders once and the parts reused: no call may carry its values
    // into the next.
    const catalogue = {
      greet: "Hi {{ who.name }}, {{count}} new, from {{from}}",
      greet_one: "Hi {{ who.name }}, one new",
      section: { inner: "{{a}}{{b}}" },
    };
    const i18next = reference("en", catalogue);
    const calls: [string, Record<string, unknown>][] = [
      ["greet", { who: { name: "Wang" }, count: 3, from: "Li" }],
      ["greet", { who: { name: "Chen" }, count: 1 }],
      ["greet", { count: 4 }],
      ["greet", { who: { name: "Zhao" }, count: 3 }],
      ["section.inner", { a: 1, b: "x" }],
      ["section.inner", { b: null }],
      ["section.inner", { a: undefined, c: 1 }],
      ["greet", { who: { name: undefined }, count: 3, from: undefined }],
      ["section", {}],
    ];
    for (const [key, options] of [...calls, ...calls]) {
      expect(translate("en", catalogue, key, options), `${key} ${JSON.stringify(options)}`).toBe(
        i18next.t(key, options),
      );
    }
  });

  it("changes language with the other catalogue, and tells useTranslation", async () => {
    const i18n = createLiteI18n("en", en, async () => zhCN);
    const heard: unknown[] = [];
    i18n.on("languageChanged", (lng) => heard.push(lng));
    const before = i18n.getFixedT(null);
    await i18n.changeLanguage("zh-CN");
    expect(i18n.language).toBe("zh-CN");
    expect(heard).toEqual(["zh-CN"]);
    expect(i18n.t("home.title")).toBe(zhCN.home.title);
    // useTranslation stores t in state: a new function is what makes it render again.
    expect(i18n.getFixedT(null)).not.toBe(before);
  });
});

describe("the text a page carries", () => {
  it("are the entries the render showed, and the browser hydrates with exactly those", () => {
    const render = recordingI18n(i18nFor("zh-CN"), zhCN);
    const t = render.getFixedT(null);
    const shown = [t("nav.login"), t("home.title"), render.t("carers.visits", { count: 3 }), t("no.such")];
    const json = render.inlineJson();
    const carried = JSON.parse(json) as Catalogue;
    expect(carried).toEqual({
      nav: { login: zhCN.nav.login },
      home: { title: zhCN.home.title },
      carers: { visits: zhCN.carers.visits },
    });
    expect(json).not.toContain("<");
    const browser = createLiteI18n("zh-CN", carried, async () => zhCN, { partial: true, inlineJson: json });
    const t2 = browser.getFixedT(null);
    expect([t2("nav.login"), t2("home.title"), browser.t("carers.visits", { count: 3 }), t2("no.such")]).toEqual(shown);
    expect(browser.inlineJson()).toBe(json);
  });

  it("are each render's own", () => {
    const renderOf = (keys: string[]) => {
      const render = recordingI18n(i18nFor("en"), en);
      for (const key of keys) render.t(key);
      return render.inlineJson();
    };
    const first = renderOf(["nav.login", "home.title"]);
    expect(JSON.parse(first)).toEqual({ nav: { login: en.nav.login }, home: { title: en.home.title } });
    expect(JSON.parse(renderOf(["nav.login"]))).toEqual({ nav: { login: en.nav.login } });
    // The same keys again are the same text (remembered per catalogue and set of keys); asked in another
    // order, or one more, they are another set.
    expect(renderOf(["nav.login", "home.title"])).toBe(first);
    expect(JSON.parse(renderOf(["home.title", "nav.login"]))).toEqual(JSON.parse(first));
    expect(JSON.parse(renderOf(["nav.login", "home.title", "nav.logout"]))).toEqual({
      nav: { login: en.nav.login, logout: en.nav.logout },
      home: { title: en.home.title },
    });
    const zh = recordingI18n(i18nFor("zh-CN"), zhCN);
    zh.t("nav.login");
    expect(JSON.parse(zh.inlineJson())).toEqual({ nav: { login: zhCN.nav.login } });
  });

  it("are the whole catalogue for a page that streams", () => {
    const render = recordingI18n(i18nFor("en"), en);
    render.carryAll();
    expect(JSON.parse(render.inlineJson())).toEqual(en);
  });

  it("grow to the whole language after hydration, rendering again only if a key was missing", async () => {
    const scheduled: string[] = [];
    const browser = createLiteI18n("en", { nav: en.nav }, async () => en, {
      partial: true,
      // The browser passes React's startTransition: the render again must go through it.
      schedule: (update) => {
        scheduled.push("update");
        update();
      },
    });
    const heard: unknown[] = [];
    browser.on("languageChanged", (lng) => heard.push(lng));
    expect(browser.t("home.title")).toBe("home.title");
    await browser.complete();
    expect(browser.t("home.title")).toBe(en.home.title);
    expect(heard).toEqual(["en"]);
    expect(scheduled).toEqual(["update"]);
    await browser.complete();
    expect(heard).toEqual(["en"]);
    expect(scheduled).toEqual(["update"]);
  });
});
