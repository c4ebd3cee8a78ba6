// Inbound SMS from Twilio: STOP / START / HELP. Exempt from the Origin check; authenticated by signature.
import type { ActionFunctionArgs } from "@remix-run/node";
import { helpReply } from "~/sms/templates";
import { handleInbound, readSignedWebhook, InboundSchema, twiml } from "~/sms/webhooks.server";

export async function loader() {
  throw new Response("Method not allowed", { status: 405 });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const params = await readSignedWebhook(request, context.env);
  if (params instanceof Response) return params;
  const parsed = InboundSchema.safeParse(params);
  if (!parsed.success) return new Response("Bad request", { status: 400 });
  const result = await handleInbound(context.db, parsed.data);
  context.logger.info("twilio inbound", { sid: parsed.data.MessageSid, action: result?.action ?? "replay" });
  return twiml(result?.action === "help" ? helpReply(result.locale) : undefined);
}
