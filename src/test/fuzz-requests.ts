/**
 * Requests generated from the OpenAPI document, for fuzzing (issue 14 §7): for every operation,
 * values that follow its JSON schema, values at its boundaries, and values that break it (wrong
 * types, huge or unusual strings, nulls, extra fields, prototype keys). The server must answer all
 * of them with a 2xx/3xx/4xx, never a 500 or a stack trace.
 */
import fc from 'fast-check';

export interface JsonSchema {
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  minItems?: number;
  maxItems?: number;
  pattern?: string;
  format?: string;
}

export interface Operation {
  method: string;
  /** The OpenAPI path, with {param} placeholders. */
  path: string;
  pathParams: { name: string; schema: JsonSchema }[];
  queryParams: { name: string; schema: JsonSchema; required: boolean }[];
  body: JsonSchema | null;
  multipart: boolean;
  streams: boolean;
}

/** The operations of an OpenAPI 3 document. */
export function operationsOf(doc: {
  paths: Record<string, Record<string, Record<string, unknown>>>;
}): Operation[] {
  const ops: Operation[] = [];
  for (const [path, methods] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(methods)) {
      const params = (op.parameters ?? []) as {
        in: string;
        name: string;
        schema: JsonSchema;
        required?: boolean;
      }[];
      const content = (op.requestBody as { content?: Record<string, { schema: JsonSchema }> } | undefined)
        ?.content;
      const responses = JSON.stringify(op.responses ?? {});
      ops.push({
        method: method.toUpperCase(),
        path,
        pathParams: params.filter((p) => p.in === 'path').map((p) => ({ name: p.name, schema: p.schema })),
        queryParams: params
          .filter((p) => p.in === 'query')
          .map((p) => ({ name: p.name, schema: p.schema, required: p.required ?? false })),
        body: content?.['application/json']?.schema ?? null,
        multipart: Boolean(content?.['multipart/form-data']),
        streams: responses.includes('text/event-stream'),
      });
    }
  }
  return ops;
}

const HUGE = 'x'.repeat(200_000);
/** Strings that have broken parsers, databases and renderers elsewhere. */
const NASTY_STRINGS = [
  '',
  ' ',
  HUGE,
  '\u0000',
  '%00',
  '../../../../etc/passwd',
  "' OR 1=1 --",
  '"; drop table dossiers; --',
  '<script>alert(1)</script>',
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a log-injection probe, on purpose
  '${jndi:ldap://x}',
  '\uD800',
  '🇻🇳👨‍👩‍👧‍👦',
  'Nguyễn Văn Ánh',
  'ﷺ'.repeat(1000),
  '1e309',
  '-0',
  'NaN',
  '__proto__',
  'constructor',
  '2026-02-30',
  '9999-12-31T23:59:59Z',
];

export const weirdString = fc.oneof(
  fc.constantFrom(...NASTY_STRINGS),
  fc.string({ unit: 'binary', maxLength: 60 }),
  fc.string({ maxLength: 20 }),
);

/** A value of any JSON type, including the awkward ones. */
export const weirdValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constant(null),
  weirdString,
  fc.constantFrom(0, -1, 1.5, 2 ** 53, -(2 ** 31), 1e308),
  fc.boolean(),
  fc.constant([]),
  fc.constant({}),
  fc.jsonValue({ maxDepth: 2 }),
);

function typesOf(schema: JsonSchema): string[] {
  if (Array.isArray(schema.type)) return schema.type;
  if (schema.type) return [schema.type];
  if (schema.properties) return ['object'];
  return [];
}

function isoDate(d: Date) {
  return d.toISOString().slice(0, 10);
}

const dateArb = fc
  .date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2030-12-31T00:00:00Z'), noInvalidDate: true })
  .map(isoDate);

function stringArb(schema: JsonSchema): fc.Arbitrary<string> {
  if (schema.format === 'uuid') return fc.uuid();
  if (schema.format === 'date') return dateArb;
  if (schema.format === 'date-time')
    return fc
      .date({
        min: new Date('2000-01-01T00:00:00Z'),
        max: new Date('2030-12-31T00:00:00Z'),
        noInvalidDate: true,
      })
      .map((d) => d.toISOString());
  if (schema.format === 'email') return fc.emailAddress();
  if (schema.pattern) {
    try {
      return fc
        .stringMatching(new RegExp(schema.pattern))
        .filter((s) => s.length <= (schema.maxLength ?? 500));
    } catch {
      // A pattern fast-check cannot generate from: fall through to plain strings.
    }
  }
  const min = schema.minLength ?? 0;
  const max = Math.min(schema.maxLength ?? min + 30, min + 30);
  return fc.oneof(
    fc.string({ minLength: min, maxLength: max }),
    // Boundaries: exactly the shortest and the longest allowed.
    fc.constant('a'.repeat(min)),
    fc.constant('a'.repeat(schema.maxLength ?? min)),
  );
}

/** Values the schema accepts (or nearly: boundaries), to reach past validation into the code. */
export function validArb(schema: JsonSchema | undefined, depth = 0): fc.Arbitrary<unknown> {
  if (!schema || depth > 5) return fc.jsonValue({ maxDepth: 1 });
  if (schema.const !== undefined) return fc.constant(schema.const);
  if (schema.enum?.length) return fc.constantFrom(...schema.enum);
  const alternatives = schema.anyOf ?? schema.oneOf;
  if (alternatives?.length) return fc.oneof(...alternatives.map((s) => validArb(s, depth + 1)));
  if (schema.allOf?.length) return validArb(schema.allOf[0], depth + 1);
  const types = typesOf(schema);
  if (types.length === 0) return fc.jsonValue({ maxDepth: 1 });
  return fc.oneof(
    ...types.map((type): fc.Arbitrary<unknown> => {
      switch (type) {
        case 'null':
          return fc.constant(null);
        case 'string':
          return stringArb(schema);
        case 'integer':
          return fc.integer({
            min: Math.max(schema.minimum ?? -1000, -(2 ** 31)),
            max: Math.min(schema.maximum ?? 1_000_000, 2 ** 31),
          });
        case 'number':
          return fc.double({ min: schema.minimum ?? -1e6, max: schema.maximum ?? 1e9, noNaN: true });
        case 'boolean':
          return fc.boolean();
        case 'array':
          return fc.array(validArb(schema.items, depth + 1), {
            minLength: schema.minItems ?? 0,
            maxLength: Math.min(schema.maxItems ?? 3, (schema.minItems ?? 0) + 3),
          });
        default: {
          const props = schema.properties ?? {};
          const required = new Set(schema.required ?? []);
          const arbs: Record<string, fc.Arbitrary<unknown>> = {};
          for (const [key, value] of Object.entries(props)) arbs[key] = validArb(value, depth + 1);
          return fc.record(arbs, { requiredKeys: [...required].filter((k) => k in arbs) });
        }
      }
    }),
  );
}

/** Values that break the schema somewhere: a wrong type at the top, or in one field, or extra keys. */
export function brokenArb(schema: JsonSchema | undefined): fc.Arbitrary<unknown> {
  const props = schema?.properties;
  if (!props || Object.keys(props).length === 0) return weirdValue;
  const fields: Record<string, fc.Arbitrary<unknown>> = {};
  for (const [key, value] of Object.entries(props)) fields[key] = fc.oneof(validArb(value, 1), weirdValue);
  return fc.oneof(
    weirdValue,
    fc.record(fields, { requiredKeys: [] }),
    fc
      .tuple(validArb(schema), fc.dictionary(weirdString, weirdValue, { maxKeys: 3 }))
      .map(([valid, extra]) => (typeof valid === 'object' && valid ? { ...extra, ...valid } : extra)),
  );
}

/**
 * The body as JSON text: objects may carry prototype keys (`__proto__`, `constructor.prototype`),
 * which JSON.stringify of a literal would drop.
 */
export const bodyText = (value: unknown, poison: boolean): string => {
  const text = JSON.stringify(value) ?? 'null';
  if (!poison || !text.startsWith('{')) return text;
  const polluted =
    '"__proto__":{"isAdmin":true,"role":"system_admin"},"constructor":{"prototype":{"polluted":1}}';
  return text === '{}' ? `{${polluted}}` : `{${polluted},${text.slice(1)}`;
};

/** Percent-encodes any string, lone surrogates included (encodeURIComponent throws on those). */
function encode(value: string): string {
  try {
    return encodeURIComponent(value);
  } catch {
    return [...Buffer.from(value, 'utf8')].map((b) => `%${b.toString(16).padStart(2, '0')}`).join('');
  }
}

/**
 * A generated value as URL text. Objects may come without a prototype (fast-check builds some with
 * `Object.create(null)`), and String() throws on those: they go as JSON.
 */
function asText(value: unknown): string {
  if (Array.isArray(value)) return value.map(asText).join(',');
  if (value !== null && typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** Already "encoded" segments that are not valid percent-encoding: sent as they are. */
const RAW_SEGMENTS = ['%E0%A4%A', '%', '%zz', '%00', '..%2F..%2Fetc%2Fpasswd', '%C0%AE%C0%AE'];

export interface FuzzRequest {
  method: string;
  url: string;
  body: string | null;
}

/** One request to an operation: path and query values valid or not, and a body valid or broken. */
export function requestArb(op: Operation): fc.Arbitrary<FuzzRequest> {
  const segment = (schema: JsonSchema) =>
    fc.oneof(
      {
        weight: 4,
        arbitrary: fc.oneof(validArb(schema).map(asText), weirdString).map((v) => encode(v) || 'x'),
      },
      { weight: 1, arbitrary: fc.constantFrom(...RAW_SEGMENTS) },
    );
  const pathArb = fc
    .tuple(...op.pathParams.map((p) => segment(p.schema)))
    .map((values) =>
      op.pathParams.reduce((url, p, i) => url.replace(`{${p.name}}`, values[i] ?? 'x'), op.path),
    );
  const queryArb = fc
    .tuple(
      ...op.queryParams.map((p) =>
        fc.option(fc.oneof(validArb(p.schema).map(asText), weirdString), {
          nil: undefined,
          freq: p.required ? 10 : 2,
        }),
      ),
    )
    .map((values) =>
      op.queryParams
        .flatMap((p, i) =>
          values[i] === undefined ? [] : [`${encode(p.name)}=${encode(values[i] as string)}`],
        )
        .join('&'),
    );
  const bodyArb: fc.Arbitrary<string | null> =
    op.body || ['POST', 'PUT', 'PATCH'].includes(op.method)
      ? fc
          .tuple(fc.oneof(validArb(op.body ?? undefined), brokenArb(op.body ?? undefined)), fc.boolean())
          .map(([value, poison]) => bodyText(value, poison))
      : fc.constant(null);
  return fc.record({ path: pathArb, query: queryArb, body: bodyArb }).map(({ path, query, body }) => ({
    method: op.method,
    url: query ? `${path}?${query}` : path,
    body,
  }));
}

/** True when a response body shows code internals: a stack trace or a source path. */
export function leaksInternals(body: string): boolean {
  return /\n\s+at [\w.<>]+ \(|node_modules\/|\/src\/[\w/-]+\.ts:\d+|"stack"\s*:/.test(body);
}
