// The time-zone choice of the parent, carer and SMS settings forms: the common zones, plus the
// current value when it is not one of them (so saving a form never changes a zone by itself).
import type { FieldMetadata } from "@conform-to/react";
import { useTranslation } from "~/i18n/react";
import { SelectFor } from "./ui/conform-fields";

export const DEFAULT_TIME_ZONE = "Asia/Shanghai";

/**
 * Time zones offered in the forms; any valid IANA zone is accepted. Here, not in geo/time-zone.ts,
 * whose chunk every page loads: only the forms with a zone to choose need the list.
 */
export const commonTimeZones = [
  "Asia/Shanghai",
  "Asia/Hong_Kong",
  "Asia/Taipei",
  "Asia/Singapore",
  "Asia/Kuala_Lumpur",
  "Asia/Bangkok",
  "Asia/Seoul",
  "Asia/Tokyo",
  "Asia/Kolkata",
  "Asia/Dubai",
  "Australia/Perth",
  "Australia/Sydney",
  "Australia/Melbourne",
  "Pacific/Auckland",
  "Europe/London",
  "Europe/Paris",
  "Europe/Berlin",
  "America/New_York",
  "America/Toronto",
  "America/Chicago",
  "America/Denver",
  "America/Los_Angeles",
  "America/Vancouver",
  "UTC",
] as const;

export function zoneChoices(current: string | undefined): string[] {
  return [...new Set([...(commonTimeZones as readonly string[]), current ?? DEFAULT_TIME_ZONE])];
}

export function TimeZoneSelect({
  field,
  label,
  hint,
}: {
  // biome-ignore lint/suspicious/noExplicitAny: conform's metadata is generic over the field's own schema
  field: FieldMetadata<any, any, string[]>;
  label: string;
  hint?: string;
}) {
  const current = field.initialValue as string | undefined;
  const { t } = useTranslation();
  // By the city people know a zone by ("Shanghai", "洛杉矶"): the zone's full name with its id ("China
  // Standard Time (Asia/Shanghai)") was cut at a phone's width. A zone outside the list by its id.
  const labelOf = (zone: string) =>
    (commonTimeZones as readonly string[]).includes(zone)
      ? t(`catalogue.zoneCities.${zone}` as "catalogue.zoneCities.UTC")
      : zone;
  return (
    <SelectFor
      field={field}
      label={label}
      hint={hint}
      options={zoneChoices(current).map((z) => ({ value: z, label: labelOf(z) }))}
      fallback={DEFAULT_TIME_ZONE}
    />
  );
}
