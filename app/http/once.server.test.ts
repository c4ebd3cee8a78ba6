import { describe, expect, it } from "vitest";
import { formFingerprint, submissionOf } from "./once.server";

const formOf = (entries: [string, string][]) => {
  const form = new FormData();
  for (const [name, value] of entries) form.append(name, value);
  return form;
};
const KEY = "0b6f1f7e-8d1c-4a57-9b1e-3f0c1a2b3c4d";

describe("a post's fingerprint", () => {
  it("is the same for the same fields, whatever the key, and differs when a field does", () => {
    const a = formOf([
      ["submissionKey", KEY],
      ["intent", "send"],
      ["body", "Lunch at noon?"],
    ]);
    const b = formOf([
      ["intent", "send"],
      ["body", "Lunch at noon?"],
      ["submissionKey", crypto.randomUUID()],
    ]);
    expect(formFingerprint(a)).toBe(formFingerprint(b));
    expect(
      formFingerprint(
        formOf([
          ["intent", "send"],
          ["body", "Or at one?"],
        ]),
      ),
    ).not.toBe(formFingerprint(a));
    // A value moved to another field is another post.
    expect(
      formFingerprint(
        formOf([
          ["a", "1"],
          ["b", ""],
        ]),
      ),
    ).not.toBe(
      formFingerprint(
        formOf([
          ["a", ""],
          ["b", "1"],
        ]),
      ),
    );
  });

  it("leaves passwords out: the digest is kept, a fast hash of a password must not be", () => {
    const withPassword = (password: string) =>
      formOf([
        ["intent", "password"],
        ["currentPassword", password],
        ["newPassword", `${password}!`],
      ]);
    expect(formFingerprint(withPassword("correct horse"))).toBe(formFingerprint(withPassword("battery staple")));
  });

  it("needs a well-formed key", () => {
    expect(submissionOf(formOf([["body", "hi"]]))).toBeNull();
    expect(submissionOf(formOf([["submissionKey", "not-a-uuid"]]))).toBeNull();
    expect(submissionOf(formOf([["submissionKey", KEY]]))?.key).toBe(KEY);
  });
});
