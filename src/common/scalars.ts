import { GraphQLScalarType, Kind } from 'graphql';
import { isUuid } from './loaders';

/** A scalar sent as a string, checked (and normalised) by `parse` whether it comes as a literal or a variable. */
function stringScalar(name: string, description: string, parse: (value: unknown) => string, serialize: (value: unknown) => string = String): GraphQLScalarType {
  return new GraphQLScalarType({
    name,
    description,
    serialize,
    parseValue: parse,
    parseLiteral: (ast) => parse(ast.kind === Kind.STRING ? ast.value : undefined),
  });
}

const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;

function toDateString(value: unknown): string {
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'string' && DATE_RE.test(value)) return value;
  throw new TypeError(`Date cannot represent ${String(value)}`);
}

function parseDate(value: unknown): string {
  if (typeof value !== 'string' || !DATE_RE.test(value)) throw new TypeError('Date must be a string YYYY-MM-DD');
  const d = new Date(`${value}T00:00:00Z`);
  if (Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== value) throw new TypeError(`Date ${value} does not exist`);
  // Records of the hub's agencies fall in this range; anything else is a typing error.
  const year = Number(value.slice(0, 4));
  if (year < 1900 || year > 2100) throw new TypeError(`Date ${value} is outside 1900-2100`);
  return value;
}

/** Calendar date without time zone; PostgreSQL `date` columns come back as YYYY-MM-DD strings. */
export const DateScalar = stringScalar('Date', 'Calendar date YYYY-MM-DD (日期)', parseDate, toDateString);

const DECIMAL_RE = /^-?\d{1,13}(\.\d{1,2})?$/;

function parseDecimal(value: unknown): string {
  const s = typeof value === 'number' ? String(value) : value;
  if (typeof s !== 'string' || !DECIMAL_RE.test(s)) {
    throw new TypeError('Decimal must be a string with at most 13 integer digits and 2 decimals, e.g. "1234567.89"');
  }
  return s;
}

/** Money in yuan as an exact decimal string: floats lose cents on large amounts. */
export const DecimalScalar = new GraphQLScalarType({
  name: 'Decimal',
  description: 'Exact decimal amount in yuan, as a string like "1234567.89" (金额，元)',
  serialize: (v) => String(v),
  parseValue: parseDecimal,
  parseLiteral: (ast) => {
    if (ast.kind !== Kind.STRING && ast.kind !== Kind.INT && ast.kind !== Kind.FLOAT) throw new TypeError('Decimal must be a string');
    return parseDecimal(ast.value);
  },
});

function parseUuid(value: unknown): string {
  if (!isUuid(value)) throw new TypeError('UUID must be a hub id like "3f2b8c1e-5d4a-4b6f-9e21-7a0c9d8e6f51"');
  // Ids are compared as strings all over the hub (maps, identity checks): one spelling.
  return value.toLowerCase();
}

/**
 * An id the hub generated (round, team, grant, cadre, principal, …), checked where it
 * enters: a malformed one is refused as BAD_USER_INPUT naming the argument, never
 * passed on to SQL. Entity `id` fields stay `ID` (they are federation keys).
 */
export const UUIDScalar = stringScalar('UUID', 'Hub id, a UUID such as "3f2b8c1e-5d4a-4b6f-9e21-7a0c9d8e6f51" (平台编号)', parseUuid);
