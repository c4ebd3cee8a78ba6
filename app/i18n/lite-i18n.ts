// The browser's translator: the part of i18next's API that react-i18next and our components use, over one
// language's catalogue at a time. i18next itself is 15 KB gzipped, a sixth of what a page may ship before
// it hydrates; the server keeps real i18next, and lite-i18n.test.ts holds this translator equal to it
// for every key of both catalogues (otherwise hydration would not match the server's HTML).
//
// What it does as i18next does (with our options: keySeparator ".", escapeValue false, skipOnVariables):
// nested keys; {{name}} placeholders (a missing value leaves the placeholder); `count` picks a _zero or
// plural-rule suffix when the catalogue has one; a missing key returns the key. What it does not do:
// namespaces, context, nesting ($t), formats, fallback languages (the catalogues have the same keys).
export type Catalogue = { readonly [key: string]: string | Catalogue };
type Options = Record<string, unknown> & { count?: unknown; defaultValue?: unknown };
type Listener = (...args: unknown[]) => void;

const PLACEHOLDER = /\{\{(.+?)\}\}/g;
const pluralRules = new Map<string, Intl.PluralRules>();

function lookup(catalogue: Catalogue, key: string): string | Catalogue | undefined {
  let node: string | Catalogue | undefined = catalogue;
  for (const part of key.split(".")) {
    if (typeof node !== "object") return undefined;
    node = node[part];
  }
  return node;
}

function interpolate(text: string, options: Options | undefined): string {
  if (!options || text.indexOf("{{") < 0) return text;
  return text.replace(PLACEHOLDER, (whole, name: string) => {
    let value: unknown = options;
    for (const part of name.trim().split(".")) value = (value as Record<string, unknown> | undefined)?.[part];
    if (value === undefined || value === null) return whole;
    return typeof value === "string" ? value : String(value);
  });
}

export function translate(lng: string, catalogue: Catalogue, key: string | string[], options?: Options | string) {
  const opts = typeof options === "string" ? { defaultValue: options } : options;
  const keys = Array.isArray(key) ? key : [key];
  for (const k of keys) {
    const candidates = [k];
    if (typeof opts?.count === "number") {
      let rules = pluralRules.get(lng);
      if (!rules) {
        rules = new Intl.PluralRules(lng);
        pluralRules.set(lng, rules);
      }
      candidates.unshift(`${k}_${rules.select(opts.count)}`);
      if (opts.count === 0) candidates.unshift(`${k}_zero`);
    }
    for (const candidate of candidates) {
      const text = lookup(catalogue, candidate);
      if (typeof text === "string") return interpolate(text, opts);
      if (text !== undefined && candidate === k) return `key '${k} (${lng})' returned an object instead of string.`;
    }
  }
  if (typeof opts?.defaultValue === "string") return interpolate(opts.defaultValue, opts);
  return keys.at(-1) ?? "";
}

export interface LiteI18n {
  language: string;
  languages: string[];
  resolvedLanguage: string;
  isInitialized: true;
  options: { defaultNS: string; react: { useSuspense: false } };
  t(key: string | string[], options?: Options | string): string;
  getFixedT(lng?: string | null): (key: string | string[], options?: Options | string) => string;
  changeLanguage(lng: string): Promise<LiteI18n["t"]>;
  hasLoadedNamespace(): boolean;
  loadNamespaces(ns: unknown, callback?: () => void): Promise<void>;
  on(event: string, listener: Listener): void;
  off(event: string, listener: Listener): void;
  exists(key: string): boolean;
}

/** `load` fetches another language's catalogue when the page changes language without a reload. */
export function createLiteI18n(lng: string, catalogue: Catalogue, load: (lng: string) => Promise<Catalogue>): LiteI18n {
  const catalogues = new Map<string, Catalogue>([[lng, catalogue]]);
  const listeners = new Map<string, Set<Listener>>();
  const emit = (event: string, ...args: unknown[]) => {
    for (const l of listeners.get(event) ?? []) l(...args);
  };
  const self: LiteI18n = {
    language: lng,
    languages: [lng],
    resolvedLanguage: lng,
    isInitialized: true,
    options: { defaultNS: "translation", react: { useSuspense: false } },
    t: (key, options) => translate(self.language, catalogues.get(self.language) ?? {}, key, options),
    // A new function on every call, as i18next's: react-i18next re-renders on a language change by
    // storing the new t in state, which React ignores if it is the same function.
    getFixedT(fixed) {
      return (key, options) => {
        const language = fixed ?? self.language;
        return translate(language, catalogues.get(language) ?? {}, key, options);
      };
    },
    async changeLanguage(next) {
      if (!catalogues.has(next)) catalogues.set(next, await load(next));
      if (next !== self.language) {
        self.language = next;
        self.languages = [next];
        self.resolvedLanguage = next;
        emit("languageChanged", next);
      }
      return self.t;
    },
    hasLoadedNamespace: () => true,
    async loadNamespaces(_ns, callback) {
      callback?.();
    },
    on(event, listener) {
      for (const e of event.split(" ")) {
        if (!listeners.has(e)) listeners.set(e, new Set());
        listeners.get(e)!.add(listener);
      }
    },
    off(event, listener) {
      for (const e of event.split(" ")) listeners.get(e)?.delete(listener);
    },
    exists: (key) => typeof lookup(catalogues.get(self.language) ?? {}, key) === "string",
  };
  return self;
}
