// The absolute URL Remix is given: its port comes from the header Express took the host name from.
import http from "node:http";
import type { AddressInfo } from "node:net";
import express from "express";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { portOfHost, requestUrl } from "./request-guards";

describe("portOfHost", () => {
  it("reads the port of a name, an IPv4 and a bracketed IPv6 address", () => {
    expect(portOfHost("kinvisit.test:8080")).toBe(8080);
    expect(portOfHost("127.0.0.1:3000")).toBe(3000);
    expect(portOfHost("[::1]:3000")).toBe(3000);
    expect(portOfHost(" [2001:db8::1]:443 ")).toBe(443);
  });

  it("finds none where there is none", () => {
    for (const host of [undefined, "", "kinvisit.test", "[::1]"]) expect(portOfHost(host), String(host)).toBeNull();
  });

  it("throws on a port that is not one", () => {
    for (const host of ["[::1]:", "a:", "a:b", "a:0", "a:65536", "a:99999", "a:1:2", "a:-1", "[::1]x"]) {
      expect(() => portOfHost(host), host).toThrow(TypeError);
    }
  });
});

describe("requestUrl", () => {
  const servers: http.Server[] = [];
  /** A real Express app answering requestUrl(req), trusting the proxy or not. */
  async function serve(trustProxy: boolean | string): Promise<number> {
    const app = express();
    app.set("trust proxy", trustProxy);
    app.get("/*", (req, res) => {
      try {
        res.type("text/plain").send(requestUrl(req));
      } catch {
        res.status(400).send("bad host");
      }
    });
    const server = app.listen(0, "127.0.0.1");
    servers.push(server);
    await new Promise((resolve) => server.once("listening", resolve));
    return (server.address() as AddressInfo).port;
  }
  function get(port: number, headers: Record<string, string>, path = "/a?b=1") {
    return new Promise<string>((resolve, reject) => {
      const req = http.request({ host: "127.0.0.1", port, path, headers, agent: false }, (res) => {
        let text = "";
        res.setEncoding("utf8");
        res.on("data", (c) => {
          text += c;
        });
        res.on("end", () => resolve(text));
      });
      req.on("error", reject);
      req.end();
    });
  }
  let direct = 0;
  let proxied = 0;
  beforeAll(async () => {
    direct = await serve(false);
    proxied = await serve("loopback");
  });
  afterAll(() => {
    for (const server of servers) server.close();
  });

  it("keeps the port of an IPv6 Host, as of a name", async () => {
    expect(await get(direct, { Host: "[::1]:3000" })).toBe("http://[::1]:3000/a?b=1");
    expect(await get(direct, { Host: "kinvisit.test:8080" })).toBe("http://kinvisit.test:8080/a?b=1");
    expect(await get(direct, { Host: "kinvisit.test" })).toBe("http://kinvisit.test/a?b=1");
  });

  it("takes nothing from an X-Forwarded-Host it does not trust", async () => {
    expect(await get(direct, { Host: "kinvisit.test", "X-Forwarded-Host": "evil.example:4444" })).toBe(
      "http://kinvisit.test/a?b=1",
    );
  });

  it("behind a trusted proxy: name and port of the first X-Forwarded-Host", async () => {
    expect(
      await get(proxied, {
        Host: "127.0.0.1:9999",
        "X-Forwarded-Host": "app.kinvisit.test:8443, other.example:1",
        "X-Forwarded-Proto": "https",
      }),
    ).toBe("https://app.kinvisit.test:8443/a?b=1");
    expect(await get(proxied, { Host: "127.0.0.1:9999", "X-Forwarded-Host": "[::1]:7000" })).toBe(
      "http://[::1]:7000/a?b=1",
    );
  });

  it("refuses a host that makes no URL", async () => {
    expect(await get(direct, { Host: "a b" })).toBe("bad host");
  });
});
