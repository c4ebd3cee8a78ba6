// Bulk inserts for the seed: all rows of a table in one statement with one parameter (the rows as JSON,
// expanded by json_to_recordset), instead of drizzle's multi-row VALUES, whose building took
// longer than the database's work for the seed's ~10,000 visits and ratings (bench:pages, start-up).
// For the seed only: values must be plain JSON (strings, numbers, booleans, arrays, objects for json
// columns) or Dates; bytea and other driver-mapped types are refused.
import { getTableColumns, getTableName, sql } from "drizzle-orm";
import { toSnakeCase } from "drizzle-orm/casing";
import type { PgTable } from "drizzle-orm/pg-core";
import type { Database } from "../client";

export async function insertRows<T extends PgTable>(
  db: Pick<Database, "execute">,
  table: T,
  rows: readonly T["$inferInsert"][],
): Promise<void> {
  if (rows.length === 0) return;
  const columns = getTableColumns(table);
  const used = Object.keys(columns).filter((key) =>
    rows.some((r) => (r as Record<string, unknown>)[key] !== undefined),
  );
  for (const key of used) {
    const type = columns[key]!.getSQLType();
    if (type === "bytea") throw new Error(`insertRows: ${getTableName(table)}.${columns[key]!.name} is bytea`);
  }
  // The database's names, as the client's snake_case casing makes them (db/client.ts).
  const names = used.map((key) => (columns[key]!.keyAsName ? toSnakeCase(columns[key]!.name) : columns[key]!.name));
  // A column a row leaves out would be NULL here, not its default: every row must give every used column.
  const missing = rows.findIndex((r) => used.some((key) => (r as Record<string, unknown>)[key] === undefined));
  if (missing >= 0)
    throw new Error(`insertRows: row ${missing} of ${getTableName(table)} leaves out a column others give`);
  // The rows go as they are (their keys are the schema's); json_to_recordset types each field.
  const fields = sql.raw(used.map((key) => `"${key}" ${columns[key]!.getSQLType()}`).join(", "));
  const target = sql.raw(names.map((n) => `"${n}"`).join(", "));
  const source = sql.raw(used.map((key) => `r."${key}"`).join(", "));
  await db.execute(
    sql`insert into ${table} (${target}) select ${source} from json_to_recordset(${JSON.stringify(rows)}::json) as r(${fields}) on conflict do nothing`,
  );
}
