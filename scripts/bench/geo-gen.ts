// Synthetic carers, parents and open requests for bench:geo, generated in SQL (generate_series).
// Carers live in cities of 10,000 (1M carers = 100 cities ~200 km apart), ±25 km around the centre.
import type { DatabaseHandle } from "~db/client";
import { serviceKinds } from "~db/catalogue";

export const PER_CITY = 10_000;

/** The sizes generate() makes for a number of carers. */
export function describe(carers: number) {
  return {
    cities: Math.max(1, Math.ceil(carers / PER_CITY)),
    parents: Math.max(1000, Math.floor(carers / 10)),
    requests: Math.max(500, Math.floor(carers / 20)),
  };
}

export async function generate(handle: DatabaseHandle, carers: number) {
  const { cities, parents, requests } = describe(carers);
  const city = (g: string) =>
    `(22 + floor((${g} % ${cities}) / 10) * 1.8 + (random() + random() - 1) * 0.25),
     (103 + ((${g} % ${cities}) % 10) * 1.8 + (random() + random() - 1) * 0.25)`;
  const steps = [
    `select setseed(0.42)`,
    `insert into users (id, email, name, password_hash, phone, role)
       select md5('carer' || g)::uuid, 'c' || g || '@bench.test', 'Carer ' || g, 'x', '+86', 'carer' from generate_series(1, ${carers}) g`,
    `insert into users (id, email, name, password_hash, phone, role) values (md5('family')::uuid, 'f@bench.test', 'Family', 'x', '+86', 'family')`,
    // Three services a carer, at random prices; the price copy on carers is filled from them below.
    `insert into carers (user_id, lat, lng, radius_m, languages, gender, verified_at)
       select md5('carer' || g)::uuid, ${city("g")}, (1 + floor(random() * 20))::int * 1000,
              case when random() < 0.8 then array['mandarin', 'hangzhounese'] else array['mandarin', 'cantonese'] end,
              (case when random() < 0.7 then 'female' else 'male' end)::gender,
              case when random() < 0.6 then now() end
       from generate_series(1, ${carers}) g`,
    `insert into carer_services (carer_id, service, price_cents, min_minutes)
       select md5('carer' || g)::uuid, (enum_range(null::service_kind))[1 + (g + k) % 8], (3000 + floor(random() * 12000))::int, 60
       from generate_series(1, ${carers}) g cross join (values (0), (3), (5)) s(k)`,
    `update carers c set service_prices = p.prices, min_price_cents = p.low, listed = true
       from (select carer_id,
                    array[${serviceKinds.map((k) => `max(price_cents) filter (where service = '${k}')`).join(", ")}] as prices,
                    min(price_cents) as low
             from carer_services group by carer_id) p
       where p.carer_id = c.user_id`,
    `insert into parents (id, name, lat, lng, created_by)
       select md5('parent' || g)::uuid, 'Parent ' || g, ${city("g")}, md5('family')::uuid from generate_series(1, ${parents}) g`,
    `insert into visit_requests (parent_id, created_by, service, starts_at, duration_minutes, status, lat, lng)
       select p.id, md5('family')::uuid, (enum_range(null::service_kind))[1 + g % 8], now() + (g % 500) * interval '1 hour', 60,
              (case when g % 5 = 0 then 'closed' else 'open' end)::visit_request_status, p.lat, p.lng
       from generate_series(1, ${requests}) g join parents p on p.id = md5('parent' || (1 + g % ${parents}))::uuid`,
    // A bulk load leaves the indexes half empty (the price update above rewrites every carer); rebuild
    // them as one would after loading, so the benchmark reads indexes of their steady-state size.
    `reindex table carers`,
    `vacuum analyze`,
  ];
  for (const step of steps) await handle.executeSql(step);
  return { cities, parents, requests };
}
