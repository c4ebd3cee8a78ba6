// A tiny browser stand-in for HTTP tests: a cookie jar, same-origin Origin headers, no redirect following.
export class HttpClient {
  readonly cookies = new Map<string, string>();
  /** `defaults`: headers every request sends (a browser's Accept-Language), unless a request sets its own. */
  constructor(
    readonly baseUrl: string,
    private readonly defaults: Record<string, string> = {},
  ) {}

  get origin(): string {
    return new URL(this.baseUrl).origin;
  }

  cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  }

  private remember(response: Response) {
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(";");
      const eq = pair!.indexOf("=");
      const name = pair!.slice(0, eq).trim();
      const value = pair!.slice(eq + 1).trim();
      if (/max-age=0/i.test(line) || value === "") this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  async request(path: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    for (const [name, value] of Object.entries(this.defaults)) if (!headers.has(name)) headers.set(name, value);
    if (this.cookies.size && !headers.has("Cookie")) headers.set("Cookie", this.cookieHeader());
    const response = await fetch(new URL(path, this.baseUrl), { ...init, headers, redirect: "manual" });
    this.remember(response);
    return response;
  }

  get(path: string, headers: HeadersInit = {}) {
    return this.request(path, { headers });
  }

  post(
    path: string,
    form: Record<string, string>,
    { origin = this.origin, headers = {} as Record<string, string> } = {},
  ) {
    const h: Record<string, string> = { "Content-Type": "application/x-www-form-urlencoded", ...headers };
    if (origin) h.Origin = origin;
    return this.request(path, { method: "POST", body: new URLSearchParams(form).toString(), headers: h });
  }

  async login(email: string, password: string): Promise<Response> {
    return this.post("/login", { email, password });
  }
}

/** The toast a redirect carried (the cookie the next page reads), or null. */
export function toastOf(client: HttpClient): { message: string; values?: Record<string, unknown> } | null {
  const raw = client.cookies.get("kv_toast");
  return raw ? JSON.parse(Buffer.from(raw, "base64url").toString("utf8")) : null;
}
