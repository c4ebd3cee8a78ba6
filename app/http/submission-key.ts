// The name of the hidden field that makes a create form's post take effect once (see once.server.ts).
// Shared by the form that renders it and the server that reads it.
export const SUBMISSION_KEY_FIELD = "submissionKey";
