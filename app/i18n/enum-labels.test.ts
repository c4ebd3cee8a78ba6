// Every value of a fixed list that a page shows through `t(\`prefix.${value}\`)` has its label in both
// catalogues. The key is built at run time, so neither TypeScript nor locales.test.ts (which checks
// built keys only as far as their section) sees a missing one: the page shows the raw key instead.
// A value added to one of these lists fails here until both languages have its label.
import { describe, expect, it } from "vitest";
import {
  carerCheckKind,
  familyContactKind,
  genders,
  languageCodes,
  offerStatus,
  parentMemberRole,
  reportReason,
  serviceKinds,
  smsKind,
  userRole,
  visitLevel,
  visitMood,
  visitRequestStatus,
  visitStatus,
} from "~db/schema";
import { AUDIT_ACTIONS } from "~/admin/audit";
import { DISPUTE_OUTCOMES, REPORT_KINDS } from "~/admin/vocabulary";
import { profileSteps } from "~/carers/profile-steps";
import { cancellationPolicies, chatEvents } from "~/chat/limits";
import { parentSteps } from "~/parents/form-steps";
import { needCodes } from "~/parents/needs";
import { METRICS } from "~/ratings/scores";
import { searchSorts } from "~/search/sorts";
import { OPTIONAL_KINDS } from "~/sms/kinds";
import { PLACE_REASONS } from "~/visits/taps";
import { commonTimeZones } from "~/components/time-zone-select";
import { supportedLocales } from "./config";
import { en } from "./locales/en";
import { zhCN } from "./locales/zh-CN";

const labelled: [prefix: string, values: readonly (string | number)[]][] = [
  ["smsPrefs.kind", OPTIONAL_KINDS],
  ["catalogue.services", serviceKinds],
  ["catalogue.languages", languageCodes],
  ["catalogue.genders", genders],
  ["catalogue.needs", needCodes],
  ["catalogue.weekdays", [0, 1, 2, 3, 4, 5, 6]],
  ["visits.status", visitStatus.enumValues],
  ["requests.status", visitRequestStatus.enumValues],
  ["offer.states", [...offerStatus.enumValues, "expired"]],
  ["offer.cancellations", cancellationPolicies],
  ["chat.reasons", reportReason.enumValues],
  ["chat.events", chatEvents],
  ["parents.roles", parentMemberRole.enumValues],
  ["account.roles", userRole.enumValues],
  ["search.sorts", searchSorts],
  ["visits.track.reasons", PLACE_REASONS],
  ["visits.track.moods", visitMood.enumValues],
  ["visits.track.levels", visitLevel.enumValues],
  ["ratings.metrics", METRICS],
  ["ratings.questions", METRICS],
  ["ledger.kinds", familyContactKind.enumValues],
  ["adminPanel.audit.actions", AUDIT_ACTIONS],
  ["adminPanel.verification.kinds", carerCheckKind.enumValues],
  ["adminPanel.reports.kinds", REPORT_KINDS],
  ["adminPanel.disputes.outcomes", DISPUTE_OUTCOMES],
  ["phoneUx.profileSteps", profileSteps],
  ["phoneUx.parentSteps", parentSteps],
  ["language", supportedLocales],
  ["adminPanel.sms.kinds", smsKind.enumValues],
  ["catalogue.zoneCities", commonTimeZones],
];

function lookup(catalogue: object, key: string): unknown {
  return key.split(".").reduce<unknown>((o, part) => (o as Record<string, unknown> | undefined)?.[part], catalogue);
}

describe("labels of fixed lists", () => {
  it.each(labelled)("%s has a label for every value, in English and Chinese", (prefix, values) => {
    const missing = values.flatMap((value) =>
      [
        ["en", en],
        ["zh-CN", zhCN],
      ].flatMap(([name, catalogue]) => {
        const text = lookup(catalogue as object, `${prefix}.${value}`);
        return typeof text === "string" && text.trim() !== "" ? [] : [`${name}: ${prefix}.${value}`];
      }),
    );
    expect(missing).toEqual([]);
  });
});
