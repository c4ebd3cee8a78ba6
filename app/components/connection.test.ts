import { describe, expect, it } from "vitest";
import { isNetworkFailure } from "./connection";

describe("isNetworkFailure", () => {
  it("knows each browser's words for a fetch lost on the network, and a cut-off answer", () => {
    expect(isNetworkFailure(new TypeError("Failed to fetch"))).toBe(true);
    expect(isNetworkFailure(new TypeError("NetworkError when attempting to fetch resource."))).toBe(true);
    expect(isNetworkFailure(new TypeError("Load failed"))).toBe(true);
    expect(isNetworkFailure(new Error("Unable to decode turbo-stream response from URL: /visits/x.data"))).toBe(true);
  });

  it("leaves our own errors and answers as they are", () => {
    expect(isNetworkFailure(new TypeError("Cannot read properties of undefined (reading 'id')"))).toBe(false);
    expect(isNetworkFailure(new Error("Failed to fetch"))).toBe(false);
    expect(isNetworkFailure({ status: 500, statusText: "Failed to fetch" })).toBe(false);
    expect(isNetworkFailure("Failed to fetch")).toBe(false);
    expect(isNetworkFailure(null)).toBe(false);
  });
});
