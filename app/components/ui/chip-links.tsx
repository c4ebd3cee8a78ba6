// Chips as links: the sorts and filters of a list (nearby jobs, the family search).
import { Link } from "@remix-run/react";
/**
 * A row of chips, each a link to the same list with one choice changed (a sort, a filter); the current
 * one marked. With `labelled`, the row shows its label too (where two rows stand together).
 */
export function ChipLinks<V extends string>(props: {
  label: string;
  values: readonly V[];
  current: V;
  href: (value: V) => string;
  text: (value: V) => string;
  labelled?: boolean;
}) {
  return (
    <nav aria-label={props.label} className="chip-scroll">
      {props.labelled && (
        <span className="chip-scroll__label" aria-hidden="true">
          {props.label}
        </span>
      )}
      {props.values.map((v) => (
        <Link
          key={v}
          to={props.href(v)}
          className="chip"
          aria-current={v === props.current ? "true" : undefined}
          preventScrollReset
        >
          {props.text(v)}
        </Link>
      ))}
    </nav>
  );
}
