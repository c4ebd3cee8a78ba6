import { describe, expect, it } from "vitest";
import { z } from "zod";
import { parseWithZod, readFormData, refusedReply } from "./forms.server";
import { singleLine } from "~/validation/text";
import { FORM_CHANGED } from "~/components/ui/refusal";

const post = (body: BodyInit, type = "application/x-www-form-urlencoded") =>
  new Request("http://local/", { method: "POST", body, headers: { "Content-Type": type } });

async function status(request: Request): Promise<number> {
  try {
    await readFormData(request);
    return 200;
  } catch (thrown) {
    return (thrown as Response).status;
  }
}

describe("readFormData", () => {
  it("reads a UTF-8 form, and keeps a U+FFFD that was sent as one", async () => {
    const form = await readFormData(post("name=%E6%9D%8E+%EF%BF%BD&note=ok"));
    expect(form.get("name")).toBe("李 \uFFFD");
    const multipart = new FormData();
    multipart.append("name", "a \uFFFD b");
    expect((await readFormData(new Request("http://local/", { method: "POST", body: multipart }))).get("name")).toBe(
      "a \uFFFD b",
    );
  });

  it("refuses bytes that are not UTF-8, raw or percent-encoded, which were stored as U+FFFD", async () => {
    const raw = Buffer.concat([Buffer.from("body="), Buffer.from([0xff, 0xfe, 0xc0, 0xaf])]);
    expect(await status(post(raw))).toBe(400);
    expect(await status(post("body=%FF%FE"))).toBe(400);
    // One sent U+FFFD does not let another, broken, one through.
    expect(await status(post("a=%EF%BF%BD&b=%FF"))).toBe(400);
  });

  it("refuses a form declared in another charset (it was read as UTF-8 and stored garbled)", async () => {
    expect(await status(post("a=b", "application/x-www-form-urlencoded; charset=utf-16"))).toBe(400);
    expect(await status(post("a=b", "application/x-www-form-urlencoded; charset=ISO-8859-1"))).toBe(400);
    expect(await status(post("a=b", 'application/x-www-form-urlencoded; charset="UTF-8"'))).toBe(200);
  });
});

describe("readFormData's list sizes (found by an outside probe)", () => {
  it("refuses names that build a million list items from 22 kB, and takes our longest forms", async () => {
    const flood = Array.from({ length: 1000 }, (_, i) => `x%5B${i}%5D%5B999%5D=1`).join("&");
    expect(await status(post(`name=&${flood}`))).toBe(400);
    // A carer's profile: 7 weekdays, 10 services, 10 questions, each a few fields.
    const rows = (list: string, n: number, fields: string[]) =>
      Array.from({ length: n }, (_, i) => fields.map((f) => `${list}%5B${i}%5D.${f}=1`).join("&")).join("&");
    const profile = [
      rows("availability", 7, ["weekday", "start", "end"]),
      rows("services", 10, ["service", "offered", "price", "minMinutes"]),
      rows("faq", 10, ["question", "answer"]),
    ].join("&");
    expect(await status(post(profile))).toBe(200);
  });
});

describe("parseWithZod", () => {
  it("takes a field named like Object.prototype's methods as any unknown field (it threw: a 500)", () => {
    const schema = z.object({ name: z.string() });
    for (const name of ["toString", "valueOf", "hasOwnProperty", "isPrototypeOf", "constructor", "__proto__"]) {
      const form = new URLSearchParams([
        ["name", "x"],
        [name, "1"],
      ]);
      const submission = parseWithZod(form, { schema });
      expect(submission.status, name).toBe("success");
      expect(submission.status === "success" && submission.value, name).toEqual({ name: "x" });
    }
  });
});

describe("refusedReply", () => {
  const schema = z.object({ reply: singleLine(100) });
  const reply = (form: FormData) => refusedReply(parseWithZod(form, { schema }));

  it("says the form changed at its top when a field came as a list (a page that may no longer show it)", () => {
    const form = new FormData();
    form.append("reply", "a");
    form.append("reply", "b");
    const result = reply(form);
    expect(result.error?.reply).toEqual([FORM_CHANGED]);
    expect(result.error?.[""]).toEqual([FORM_CHANGED]);
  });

  it("keeps an ordinary refusal beside its field only", () => {
    const form = new FormData();
    form.append("reply", "");
    const result = reply(form);
    expect(result.error?.reply).toEqual(["errors.required"]);
    expect(result.error?.[""]).toBeUndefined();
  });
});
