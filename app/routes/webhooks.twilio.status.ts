// Twilio delivery-status callbacks. Exempt from the Origin check; authenticated by signature instead.
import type { ActionFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { queryOf } from "~/http/params.server";
import { applyStatusCallback, readSignedWebhook, StatusCallbackSchema, twiml } from "~/sms/webhooks.server";

export async function loader() {
  throw new Response("Method not allowed", { status: 405 });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const params = await readSignedWebhook(request, context.env);
  if (params instanceof Response) return params;
  const parsed = StatusCallbackSchema.safeParse(params);
  if (!parsed.success) return new Response("Bad request", { status: 400 });
  const messageId = z
    .object({ m: z.uuid() })
    .transform((q) => q.m)
    .safeParse(queryOf(request));
  const changed = await applyStatusCallback(context.db, {
    messageId: messageId.success ? messageId.data : null,
    callback: parsed.data,
  });
  context.logger.info("twilio status", { sid: parsed.data.MessageSid, status: parsed.data.MessageStatus, changed });
  return twiml();
}
