// The hidden key that makes a create form's post take effect once (see app/http/once.server.ts).
import { SUBMISSION_KEY_FIELD } from "~/http/submission-key";

export function SubmissionKeyInput({ value }: { value: string }) {
  return <input type="hidden" name={SUBMISSION_KEY_FIELD} value={value} />;
}
