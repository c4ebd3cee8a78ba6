import { describe, expect, it } from "vitest";
import { SignupSchema } from "./schemas";

const good = {
  role: "carer",
  name: "  Wang Fang ",
  email: " Wang@Example.TEST ",
  password: "0123456789",
  phone: "+86 138 0013 8000",
  locale: "zh-CN",
};

describe("SignupSchema", () => {
  it("trims names and normalises email case", () => {
    const parsed = SignupSchema.parse(good);
    expect(parsed.name).toBe("Wang Fang");
    expect(parsed.email).toBe("wang@example.test");
  });

  it("reports i18n keys, not English, as messages", () => {
    const result = SignupSchema.safeParse({ ...good, email: "x", password: "short", role: "admin", name: "" });
    expect(result.success).toBe(false);
    const messages = Object.fromEntries(result.error!.issues.map((i) => [i.path.join("."), i.message]));
    expect(messages).toEqual({
      email: "errors.email",
      password: "errors.passwordShort",
      role: "errors.choice",
      name: "errors.required",
    });
  });

  it("refuses signing up as an admin", () => {
    expect(SignupSchema.safeParse({ ...good, role: "admin" }).success).toBe(false);
  });
});
