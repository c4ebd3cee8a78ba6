// The carer's FAQ as the chat posts it (a JSON list of questions and answers in the message body),
// shown as questions and answers; anything that is not such a list shows nothing.

export function FaqEntries({ text }: { text: string | null }) {
  return (
    <dl>
      {parseFaq(text).map((f) => (
        <div key={f.question}>
          <dt>{f.question}</dt>
          <dd className="pre-line">{f.answer}</dd>
        </div>
      ))}
    </dl>
  );
}

function parseFaq(text: string | null): { question: string; answer: string }[] {
  try {
    const value = JSON.parse(text ?? "[]") as unknown;
    return Array.isArray(value)
      ? value.filter(
          (f): f is { question: string; answer: string } =>
            typeof f?.question === "string" && typeof f?.answer === "string",
        )
      : [];
  } catch {
    return [];
  }
}
