// React's two server renderers side by side on the same list of cards (a search page's shape): the
// string (renderToString, what pages on which nothing waits now use: app/http/render-whole.server.ts)
// and the stream (renderToPipeableStream collected whole, what they used before and what deferred pages
// still use). Prints the time per render of each and their ratio, measured interleaved in one process.
//
//   npm run bench:render        (BENCH_CARDS=20,100 BENCH_RENDERS=2000)
import { Writable } from "node:stream";
import { createElement as h, type ReactElement } from "react";
import { renderToPipeableStream, renderToString } from "react-dom/server";

const CARDS = (process.env.BENCH_CARDS ?? "20,100").split(",").map(Number);
const RENDERS = Number(process.env.BENCH_RENDERS ?? 2000);
const ROUNDS = 3;

function card(i: number): ReactElement {
  return h(
    "li",
    { key: i, id: `result-${i}`, className: "card result card--tappable" },
    h("span", { className: "result__photo result__photo--empty", "aria-hidden": "true" }),
    h(
      "div",
      { className: "stack result__body" },
      h(
        "h2",
        null,
        h("a", { href: `/carers/${i}`, className: "card-link" }, `王芳 Wang Fang ${i}`),
        " ",
        h("span", { className: "badge" }, "Verified"),
      ),
      h("p", null, `${i % 9} km away`, " · ", "from ¥30/h"),
      h(
        "p",
        null,
        h("span", { className: "muted" }, "Rating 4.5", " · ", "80 visits completed"),
        h("span", { className: "muted" }, " · ", "93% good (44)"),
      ),
      h("p", { className: "muted" }, "Tech help and video call with family, Light housework, Meal preparation"),
      h("p", { className: "muted" }, "Mandarin, Cantonese, Hakka, Hangzhou dialect, English"),
    ),
  );
}

const page = (cards: number) =>
  h(
    "html",
    null,
    h("head", null, h("meta", { charSet: "utf-8" }), h("title", null, "Find carers")),
    h(
      "body",
      null,
      h(
        "main",
        null,
        h(
          "ol",
          null,
          Array.from({ length: cards }, (_, i) => card(i)),
        ),
      ),
    ),
  );

const viaString = (element: ReactElement) => Buffer.from(renderToString(element));

function viaStream(element: ReactElement): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    const { pipe } = renderToPipeableStream(element, {
      onAllReady: () =>
        pipe(
          new Writable({
            write(chunk: Buffer, _encoding, next) {
              chunks.push(chunk);
              next();
            },
            final(next) {
              resolve(Buffer.concat(chunks));
              next();
            },
          }),
        ),
      onError: reject,
    });
  });
}

async function msPerRender(
  render: (e: ReactElement) => Buffer | Promise<Buffer>,
  element: ReactElement,
): Promise<number> {
  const start = process.hrtime.bigint();
  for (let i = 0; i < RENDERS; i += 1) await render(element);
  return Number(process.hrtime.bigint() - start) / 1e6 / RENDERS;
}

console.log(
  `bench:render ${new Date().toISOString()} · react-dom/server, NODE_ENV=${process.env.NODE_ENV ?? "(unset)"} · ${RENDERS} renders × ${ROUNDS} rounds`,
);
for (const cards of CARDS) {
  const element = page(cards);
  for (let i = 0; i < 200; i += 1) {
    viaString(element);
    await viaStream(element);
  }
  const times = { string: [] as number[], stream: [] as number[] };
  for (let round = 0; round < ROUNDS; round += 1) {
    times.string.push(await msPerRender(viaString, element));
    times.stream.push(await msPerRender(viaStream, element));
  }
  const best = (xs: number[]) => Math.min(...xs);
  const bytes = viaString(element).length;
  console.log(
    `  ${String(cards).padStart(3)} cards (${(bytes / 1000).toFixed(1)} kB)  string ${best(times.string).toFixed(3)} ms  stream ${best(times.stream).toFixed(3)} ms  string ÷ stream ${(best(times.string) / best(times.stream)).toFixed(2)}`,
  );
}
