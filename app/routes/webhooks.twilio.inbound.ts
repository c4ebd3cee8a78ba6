// Inbound SMS from Twilio: STOP / START / HELP, and a parent's answer to "did the carer come?".
// Exempt from the Origin check; authenticated by signature.
import type { ActionFunctionArgs } from "@remix-run/node";
import { helpReply, parentAnswerReply } from "~/sms/templates";
import { handleInbound, readSignedWebhook, InboundSchema, twiml } from "~/sms/webhooks.server";
import { answerParentCheck } from "~/visits/parent-checks.server";

export async function loader() {
  throw new Response("Method not allowed", { status: 405 });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const params = await readSignedWebhook(request, context.env);
  if (params instanceof Response) return params;
  const parsed = InboundSchema.safeParse(params);
  if (!parsed.success) return new Response("Bad request", { status: 400 });
  const effects = { jobs: context.jobs, env: context.env, hub: context.hub };
  const result = await handleInbound(context.db, parsed.data, (tx, message) =>
    answerParentCheck(tx, effects, { from: message.From, body: message.Body }, new Date()),
  );
  context.logger.info("twilio inbound", {
    sid: parsed.data.MessageSid,
    action: result?.action ?? "replay",
    ...(result?.reply ? { parentAnswer: result.reply.answer, visitId: result.reply.visitId } : {}),
  });
  if (result?.reply) return twiml(parentAnswerReply(result.reply.locale));
  return twiml(result?.action === "help" ? helpReply(result.locale) : undefined);
}
