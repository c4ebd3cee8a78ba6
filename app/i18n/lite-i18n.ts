// The translator, on the server and in the browser: the part of i18next's API that our components use
// (through useTranslation, react.tsx), over one language's catalogue at a time. i18next itself is
// 15 KB gzipped, a sixth of what a page may ship before it hydrates; lite-i18n.test.ts holds this
// translator equal to i18next for every key of both catalogues (pages must read as they did, and
// hydrate with the server's HTML).
//
// What it does as i18next does (with our options: keySeparator ".", escapeValue false, skipOnVariables):
// nested keys; {{name}} placeholders (a value not given keeps its placeholder, one given as undefined or
// null is empty); `count` picks a _zero or plural-rule suffix when the catalogue has one; a missing key
// returns the key. What it does not do: namespaces, context, nesting ($t), formats, fallback languages
// (the catalogues have the same keys).
export type Catalogue = { readonly [key: string]: string | Catalogue };
type Options = Record<string, unknown> & { count?: unknown; defaultValue?: unknown };
type Listener = (...args: unknown[]) => void;

const PLACEHOLDER = /\{\{(.+?)\}\}/;
const pluralRules = new Map<string, Intl.PluralRules>();

/**
 * Every key of a catalogue, dotted ("carers.verified"), sections included, made once per catalogue:
 * a page asks for a few hundred texts, and splitting each key and walking the tree was a tenth of the
 * translator's time. Catalogues are never changed once made (a fuller one replaces a partial one).
 */
const flattened = new WeakMap<Catalogue, Map<string, string | Catalogue>>();

function flatten(catalogue: Catalogue, into: Map<string, string | Catalogue>, prefix: string) {
  for (const [key, value] of Object.entries(catalogue)) {
    into.set(prefix + key, value);
    if (typeof value === "object") flatten(value, into, `${prefix}${key}.`);
  }
}

function lookup(catalogue: Catalogue, key: string): string | Catalogue | undefined {
  let keys = flattened.get(catalogue);
  if (!keys) {
    keys = new Map();
    flatten(catalogue, keys, "");
    flattened.set(catalogue, keys);
  }
  return keys.get(key);
}

/** Each text split at its placeholders once (literal, name, literal, …): a page fills a few hundred. */
const templates = new Map<string, string[]>();

function interpolate(text: string, options: Options | undefined): string {
  if (!options || text.indexOf("{{") < 0) return text;
  let parts = templates.get(text);
  if (!parts) {
    parts = text.split(PLACEHOLDER);
    if (templates.size >= 5000) templates.clear(); // the catalogues' texts, and a few default values
    templates.set(text, parts);
  }
  let out = parts[0]!;
  for (let i = 1; i < parts.length; i += 2) {
    const name = parts[i]!.trim();
    let value: unknown = options;
    for (const key of name.split(".")) value = (value as Record<string, unknown> | undefined)?.[key];
    // As in i18next: a value not given keeps its placeholder as written; one given as undefined or null
    // reads as nothing (`in` also sees the prototype, where nothing is undefined).
    const missing = value === undefined && !(name in options);
    out += (missing ? `{{${parts[i]}}}` : value == null ? "" : String(value)) + parts[i + 1];
  }
  return out;
}

export interface Hooks {
  /** Called with the catalogue key that answered (after plural suffixes). */
  found?: (key: string) => void;
  /** Called when no key answered. */
  miss?: () => void;
}

export function translate(
  lng: string,
  catalogue: Catalogue,
  key: string | string[],
  options?: Options | string,
  hooks?: Hooks,
) {
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
      if (typeof text === "string") {
        hooks?.found?.(candidate);
        return interpolate(text, opts);
      }
      if (text !== undefined && candidate === k) {
        hooks?.found?.(candidate);
        return `key '${k} (${lng})' returned an object instead of string.`;
      }
    }
  }
  hooks?.miss?.();
  if (typeof opts?.defaultValue === "string") return interpolate(opts.defaultValue, opts);
  return keys.at(-1) ?? "";
}

export interface LiteI18n {
  language: string;
  t(key: string | string[], options?: Options | string): string;
  getFixedT(lng?: string | null): (key: string | string[], options?: Options | string) => string;
  changeLanguage(lng: string): Promise<LiteI18n["t"]>;
  on(event: string, listener: Listener): void;
  off(event: string, listener: Listener): void;
  /** Loads the whole catalogue of the current language when the page started with some sections only. */
  complete(): Promise<void>;
  /** The catalogue data the page carries inline (see i18n-data.tsx), as JSON; "" if none. */
  inlineJson(): string;
}

export interface LiteOptions {
  /** `catalogue` holds some sections only (the page's); complete() loads the rest. */
  partial?: boolean;
  /** What the page carried inline, echoed during hydration. */
  inlineJson?: string;
  /** Runs the re-render that complete() asks for: React's startTransition in the browser, so that it
   *  waits for parts of the page still hydrating instead of making React throw their HTML away
   *  (React error 421: an update reached a Suspense boundary before it hydrated). */
  schedule?: (update: () => void) => void;
}

/** `load` fetches another language's catalogue when the page changes language without a reload. */
export function createLiteI18n(
  lng: string,
  catalogue: Catalogue,
  load: (lng: string) => Promise<Catalogue>,
  { partial = false, inlineJson = "", schedule = (update) => update() }: LiteOptions = {},
): LiteI18n {
  const catalogues = new Map<string, Catalogue>([[lng, catalogue]]);
  const partials = new Set<string>(partial ? [lng] : []);
  // A key asked for while only some sections were here: once the rest arrives, render again.
  let missedWhilePartial = false;
  const hooks: Hooks = {
    miss: () => {
      if (partials.has(self.language)) missedWhilePartial = true;
    },
  };
  const listeners = new Map<string, Set<Listener>>();
  const emit = (event: string, ...args: unknown[]) => {
    for (const l of listeners.get(event) ?? []) l(...args);
  };
  const self: LiteI18n = {
    language: lng,
    t: (key, options) => translate(self.language, catalogues.get(self.language) ?? {}, key, options, hooks),
    // A new function on every call, as i18next's: useTranslation (react.tsx) renders again on a language
    // change by storing the new t in state, which React ignores if it is the same function.
    getFixedT(fixed) {
      return (key, options) => {
        const language = fixed ?? self.language;
        return translate(language, catalogues.get(language) ?? {}, key, options, hooks);
      };
    },
    async changeLanguage(next) {
      if (!catalogues.has(next) || partials.has(next)) {
        catalogues.set(next, await load(next));
        partials.delete(next);
      }
      if (next !== self.language) {
        self.language = next;
        emit("languageChanged", next);
      }
      return self.t;
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
    async complete() {
      const language = self.language;
      if (!partials.has(language)) return;
      catalogues.set(language, await load(language));
      partials.delete(language);
      if (missedWhilePartial && language === self.language) {
        missedWhilePartial = false;
        schedule(() => emit("languageChanged", language));
      }
    },
    inlineJson: () => inlineJson,
  };
  return self;
}

/** JSON for an inline <script type="application/json">: nothing in it can close the element. */
export function inlineJsonOf(value: unknown): string {
  return JSON.stringify(value).replace(/</g, "\\u003c");
}

/**
 * The server's translator for one render: the shared one's text, noting each catalogue entry the page
 * showed, so the page can carry just those to the browser for hydration (i18n-data.tsx). Cheap: an
 * object and a Set per render.
 */
export function recordingI18n(shared: LiteI18n, catalogue: Catalogue): LiteI18n & { carryAll(): void } {
  const shown = new Set<string>();
  let all = false;
  const hooks: Hooks = { found: (key) => shown.add(key) };
  const fixed =
    (lng: string | null | undefined) =>
    (key: string | string[], options?: Options | string): string =>
      translate(lng ?? shared.language, catalogue, key, options, hooks);
  const recorder: LiteI18n & { carryAll(): void } = Object.create(shared);
  recorder.t = fixed(null);
  recorder.getFixedT = (lng) => fixed(lng);
  recorder.carryAll = () => {
    all = true;
  };
  recorder.inlineJson = () => {
    if (all) return inlineJsonOf(catalogue);
    return carriedOf(catalogue, shown);
  };
  return recorder;
}

/**
 * The JSON carried by each set of keys, per catalogue: a page shows the same texts on every request
 * (its keys, in the order its render asked for them), and building and writing them out again was a
 * twentieth of a search page's render. Bounded: a catalogue's sets past the bound are made each time.
 */
const carriedJson = new WeakMap<Catalogue, Map<string, string>>();
const CARRIED_SETS = 500;

/** The entries `shown` (dotted keys) of `catalogue`, nested as in it, as inline JSON. */
function carriedOf(catalogue: Catalogue, shown: Set<string>): string {
  let made = carriedJson.get(catalogue);
  if (!made) {
    made = new Map();
    carriedJson.set(catalogue, made);
  }
  const id = [...shown].join("\n");
  let json = made.get(id);
  if (json === undefined) {
    json = carriedJsonOf(catalogue, shown);
    if (made.size < CARRIED_SETS) made.set(id, json);
  }
  return json;
}

function carriedJsonOf(catalogue: Catalogue, shown: Set<string>): string {
  const carried: Record<string, unknown> = {};
  for (const key of shown) {
    const parts = key.split(".");
    let from: unknown = catalogue;
    let to = carried;
    for (const [i, part] of parts.entries()) {
      from = (from as Record<string, unknown>)[part];
      if (i === parts.length - 1) {
        to[part] = from;
      } else {
        to[part] ??= {};
        to = to[part] as Record<string, unknown>;
      }
    }
  }
  return inlineJsonOf(carried);
}
