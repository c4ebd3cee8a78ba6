// JSON-lines logger: one object per line on stdout, with the request id when there is one.
type Level = "debug" | "info" | "warn" | "error";
const order: Record<Level | "silent", number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 };

export interface Logger {
  debug(msg: string, fields?: Record<string, unknown>): void;
  info(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
  child(fields: Record<string, unknown>): Logger;
}

/** Fields whose value is never written, at any depth. */
const SECRET_KEY = /^(params|parameters|password|passwordHash|token|secret|cookie|authorization|body)$/i;

/**
 * Query text is kept, its parameters never are: drizzle writes "Failed query: … params: a,b,c" into
 * the message (and so the stack) of the error it throws, and the parameters are people's data.
 */
export function redactText(text: string): string {
  // Up to the stack's first frame or the end: a parameter may itself hold line breaks.
  return text.replace(/(^|\n)params:[\s\S]*?(?=\n\s+at |$)/g, "$1params: [redacted]");
}

/** An error as a log field: name, redacted message and stack, the database's error code, its cause. */
export function serializeError(value: unknown, depth = 0): unknown {
  if (value instanceof Error) {
    const out: Record<string, unknown> = {
      name: value.name,
      message: redactText(value.message),
      stack: value.stack ? redactText(value.stack) : undefined,
    };
    const code = (value as { code?: unknown }).code;
    if (typeof code === "string" || typeof code === "number") out.code = code;
    if (value.cause !== undefined && depth < 3) out.cause = serializeError(value.cause, depth + 1);
    return out;
  }
  if (typeof value === "string") return redactText(value);
  if (value && typeof value === "object" && depth < 4) {
    if (Array.isArray(value)) return value.map((v) => serializeError(v, depth + 1));
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value))
      out[k] = SECRET_KEY.test(k) ? "[redacted]" : serializeError(v, depth + 1);
    return out;
  }
  return value;
}

export function createLogger(
  level: Level | "silent" = "info",
  base: Record<string, unknown> = {},
  write: (line: string) => void = (line) => process.stdout.write(`${line}\n`),
): Logger {
  const emit = (lvl: Level, msg: string, fields?: Record<string, unknown>) => {
    if (order[lvl] < order[level]) return;
    const entry: Record<string, unknown> = { time: new Date().toISOString(), level: lvl, msg, ...base };
    for (const [k, v] of Object.entries(fields ?? {})) entry[k] = SECRET_KEY.test(k) ? "[redacted]" : serializeError(v);
    write(JSON.stringify(entry));
  };
  return {
    debug: (m, f) => emit("debug", m, f),
    info: (m, f) => emit("info", m, f),
    warn: (m, f) => emit("warn", m, f),
    error: (m, f) => emit("error", m, f),
    child: (fields) => createLogger(level, { ...base, ...fields }, write),
  };
}
