import { describe, expect, it } from "vitest";
import { directionsTo } from "./directions";

describe("directionsTo", () => {
  it("puts the point in each app's order: Amap longitude first and told it is WGS-84, the others latitude first", () => {
    const d = directionsTo({ lat: 30.246712, lng: 120.148534 });
    expect(d.amap).toBe("https://uri.amap.com/marker?position=120.148534,30.246712&coordinate=wgs84&callnative=1");
    expect(d.apple).toBe("https://maps.apple.com/?daddr=30.246712,120.148534");
    expect(d.geo).toBe("geo:30.246712,120.148534?q=30.246712,120.148534");
  });

  it("writes plain decimals: no exponent, no float noise, a minus sign south and west", () => {
    const d = directionsTo({ lat: -33.8688000000001, lng: -0.0000001 });
    expect(d.apple).toBe("https://maps.apple.com/?daddr=-33.8688,0");
    expect(directionsTo({ lat: 1e-7, lng: 151.2093 }).geo).toBe("geo:0,151.2093?q=0,151.2093");
  });
});
