// Conform's parseWithZod with the app's own coercion, for the server (app/http/forms.server.ts) and the
// browser (deferred-validation.ts) alike: a number field takes plain decimal notation only
// (numbers.ts), so "0x10" or "1e3" get the field's "enter a number" message instead of becoming 16
// or 1000; an amount of money also takes "¥200" and "200元". Everything else is coerced as conform
// does by default.
import { parseWithZod } from "@conform-to/zod/v4";
import { configureCoercion } from "@conform-to/zod/v4/future";
import type { z } from "zod";
import { amountSchemas, parseYuan } from "./money";
import { parseDecimal } from "./numbers";

// An amount of money (money.ts) also takes its currency's signs: "¥200", "200元".
const { coerceFormValue } = configureCoercion({
  type: { number: parseDecimal },
  customize: (type) =>
    amountSchemas.has(type as unknown as z.ZodType)
      ? (value) => (typeof value !== "string" ? value : value.trim() === "" ? undefined : parseYuan(value))
      : null,
});

export const parseFormWithZod: typeof parseWithZod = ((payload: FormData | URLSearchParams, options: never) => {
  const { schema } = options as { schema: z.ZodType | ((intent: unknown) => z.ZodType) };
  return parseWithZod(payload, {
    ...(options as object),
    schema:
      typeof schema === "function" ? (intent: unknown) => coerceFormValue(schema(intent)) : coerceFormValue(schema),
    disableAutoCoercion: true,
  } as never);
}) as typeof parseWithZod;
