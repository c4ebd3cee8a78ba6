// A photo field that makes a phone's photo small before it is sent. Phone photos are 3–12 MB and the
// server keeps at most 800 px of them (app/carers/photo-upload.server.ts): shrunk here to 1600 px, a
// carer on a slow network sends a few hundred kB instead of several MB, and a photo over the
// server's 5 MB limit still goes through (it answered a bare 413 before, which the page could not
// show). Where the browser cannot shrink it (no JavaScript, a format it cannot draw), the file goes
// as chosen and the server's own checks answer beside the field.
import { useEffect, useRef, useState } from "react";
import { ErrorList } from "~/components/ui/field";
import { MAX_PHOTO_BYTES } from "~/http/body-limits";
const MAX_SIDE = 1600;
/** Smaller photos go as they are: shrinking would not save enough to be worth a re-encode. */
const SHRINK_ABOVE_BYTES = 1024 * 1024;

export async function shrinkPhoto(file: File): Promise<File> {
  if (file.size <= SHRINK_ABOVE_BYTES || !/^image\/(jpeg|png|webp)$/.test(file.type)) return file;
  if (typeof createImageBitmap !== "function") return file;
  try {
    // Turned upright by its EXIF orientation; the canvas copies no metadata (no GPS leaves the phone).
    const bitmap = await createImageBitmap(file, { imageOrientation: "from-image" });
    const scale = Math.min(1, MAX_SIDE / Math.max(bitmap.width, bitmap.height));
    const canvas = document.createElement("canvas");
    canvas.width = Math.max(1, Math.round(bitmap.width * scale));
    canvas.height = Math.max(1, Math.round(bitmap.height * scale));
    canvas.getContext("2d")?.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
    bitmap.close();
    const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, "image/jpeg", 0.85));
    if (!blob || blob.size >= file.size) return file;
    return new File([blob], `${file.name.replace(/\.[^.]*$/, "") || "photo"}.jpg`, { type: "image/jpeg" });
  } catch {
    return file;
  }
}

export function PhotoInput({ hintId, serverErrors }: { hintId: string; serverErrors: string[] | undefined }) {
  const input = useRef<HTMLInputElement>(null);
  const pending = useRef<Promise<void> | null>(null);
  const queued = useRef(false);
  const [tooLarge, setTooLarge] = useState(false);
  const errors = tooLarge ? ["errors.photoTooLarge"] : serverErrors;

  // Every submit of the form passes here first, not only the first after a choice: a second tap on
  // Save sent a photo still too large (one the browser could not shrink), and the server's 413 lost
  // the whole form. A submit while the photo is being shrunk waits for it, then goes ahead; one that
  // is still too large stays here with its message.
  useEffect(() => {
    const field = input.current;
    const form = field?.form;
    if (!field || !form) return;
    const fits = () => (field.files?.[0]?.size ?? 0) <= MAX_PHOTO_BYTES;
    const guard = (submit: SubmitEvent) => {
      const waiting = pending.current;
      if (!waiting && fits()) return;
      submit.preventDefault();
      submit.stopImmediatePropagation();
      if (!waiting) {
        setTooLarge(true);
        field.focus();
        return;
      }
      // Taps while it shrinks queue one submit, not one each (two taps sent the log twice).
      if (queued.current) return;
      queued.current = true;
      const submitter = submit.submitter;
      void waiting.then(() => {
        queued.current = false;
        if (fits())
          form.requestSubmit(submitter instanceof HTMLButtonElement && submitter.form === form ? submitter : null);
      });
    };
    form.addEventListener("submit", guard, { capture: true });
    return () => form.removeEventListener("submit", guard, { capture: true });
  }, []);

  function chosen(event: React.ChangeEvent<HTMLInputElement>) {
    const field = event.currentTarget;
    const file = field.files?.[0];
    setTooLarge(false);
    if (!file) return;
    pending.current = shrinkPhoto(file).then((smaller) => {
      pending.current = null;
      if (smaller !== file && typeof DataTransfer === "function") {
        const list = new DataTransfer();
        list.items.add(smaller);
        field.files = list.files;
      }
      setTooLarge((field.files?.[0]?.size ?? 0) > MAX_PHOTO_BYTES);
    });
  }

  return (
    <>
      <input
        ref={input}
        id="photo"
        name="photo"
        type="file"
        accept="image/jpeg,image/png,image/webp"
        aria-describedby={errors ? `${hintId} photo-error` : hintId}
        aria-invalid={errors ? true : undefined}
        onChange={chosen}
      />
      <ErrorList id="photo-error" errors={errors} />
    </>
  );
}
