// What React 18's renderToPipeableStream writes, cleaned of its padding bytes.
//
// React encodes text into 2048-byte views. When a character of two to four bytes no longer fits at the
// end of a view, react-dom 18.3.1's writeStringChunk hands over the whole view, not the part it filled:
// one to three zero bytes go out in the middle of the page. Measured on the family's carer search: 'CN\0¥70'
// and '马\0\0军' on every render. Browsers drop a NUL between tags, but inside an attribute it becomes
// U+FFFD, so a prefilled field or a title could read '马��军'. Fixed upstream in React 19; until then the
// destinations React writes to take the padding off here.
import { Transform } from "node:stream";

/** React's view size (VIEW_SIZE in react-dom-server.node). */
const VIEW_SIZE = 2048;

/**
 * A chunk without the padding of a partly filled view: only a whole view can carry it, and only at its
 * end (at most three bytes: the room left for a character of four). HTML never holds a NUL of its own:
 * React renders text as given, and ours comes through forms that refuse control characters.
 */
export function withoutViewPadding(chunk: Uint8Array): Uint8Array {
  if (chunk.byteLength !== VIEW_SIZE || chunk[VIEW_SIZE - 1] !== 0) return chunk;
  let end = VIEW_SIZE - 1;
  while (end > VIEW_SIZE - 3 && chunk[end - 1] === 0) end -= 1;
  return chunk.subarray(0, end);
}

/** A pass-through for a streamed page that takes the padding off each chunk React writes. */
export function paddingFree(): Transform {
  return new Transform({
    transform(chunk: Buffer, _encoding, next) {
      next(null, withoutViewPadding(chunk));
    },
  });
}
