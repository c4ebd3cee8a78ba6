import { describe, expect, it } from "vitest";
import { EMPTY_LOG, logChanges, logState, orderTasks } from "./log-rules";

describe("when the log may be written", () => {
  it("is free during the visit, a correction after it, shut before and when it did not happen", () => {
    expect(logState("in_progress")).toBe("open");
    for (const s of ["completed", "confirmed", "disputed"] as const) expect(logState(s)).toBe("correction");
    for (const s of ["scheduled", "on_the_way"] as const) expect(logState(s)).toBe("not_started");
    for (const s of ["cancelled", "missed"] as const) expect(logState(s)).toBe("closed");
    // Written for the first time after check-out: nothing to correct yet, until the family has answered.
    expect(logState("completed", { written: false })).toBe("open");
    for (const s of ["confirmed", "disputed"] as const) expect(logState(s, { written: false })).toBe("correction");
  });
});

describe("what changed", () => {
  const before = {
    ...EMPTY_LOG,
    tasksDone: ["Tea", "Walk"],
    notes: "Read the paper",
    mood: "good" as const,
  };

  it("names each changed field with its old and new value as text", () => {
    const after = { ...before, tasksDone: ["Tea"], mood: "low" as const, appetite: "less" as const };
    expect(logChanges(before, after)).toEqual([
      { field: "tasksDone", oldValue: "Tea\nWalk", newValue: "Tea" },
      { field: "mood", oldValue: "good", newValue: "low" },
      { field: "appetite", oldValue: null, newValue: "less" },
    ]);
  });

  it("finds nothing when nothing changed, and treats a first log as changes from empty", () => {
    expect(logChanges(before, { ...before })).toEqual([]);
    expect(logChanges(null, { ...EMPTY_LOG, notes: "Hello" })).toEqual([
      { field: "notes", oldValue: null, newValue: "Hello" },
    ]);
    expect(logChanges(null, EMPTY_LOG)).toEqual([]);
  });

  it("keeps tasks in the agreed order, so ticking them in another order is no change", () => {
    expect(orderTasks(["Walk", "Tea", "Unknown"], ["Tea", "Walk", "Lunch"])).toEqual(["Tea", "Walk"]);
    expect(logChanges(before, { ...before, tasksDone: orderTasks(["Walk", "Tea"], ["Tea", "Walk"]) })).toEqual([]);
  });
});
