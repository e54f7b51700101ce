/**
 * Requests to attack, derived from Cadre's own OpenAPI document (/openapi.json): every
 * operation with a query, a string path parameter or a JSON body, with values built from
 * its schema so that the untouched request passes validation as far as a schema can tell.
 */

type Schema = {
  type?: string | string[];
  enum?: unknown[];
  anyOf?: Schema[];
  oneOf?: Schema[];
  format?: string;
  minimum?: number;
  exclusiveMinimum?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  items?: Schema;
  properties?: Record<string, Schema>;
  required?: string[];
  default?: unknown;
};
type Parameter = { name: string; in: 'query' | 'path' | 'header'; required?: boolean; schema: Schema };
type Operation = {
  parameters?: Parameter[];
  requestBody?: { content: Record<string, { schema: Schema }> };
};
export type OpenApi = { paths: Record<string, Record<string, Operation>> };

export type ApiOperation = {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  template: string;
  /** Path with example values in place of the parameters. */
  path: string;
  query: Record<string, string>;
  /** String path parameters (worth injecting; numeric ids stop at validation). */
  stringPathParams: string[];
  pathValues: Record<string, string>;
  body: unknown;
  hasJsonBody: boolean;
};

/** A value the schema accepts, as far as the common shapes go. */
export function exampleOf(schema: Schema | undefined, name = ''): unknown {
  if (!schema) return 'a';
  if (schema.enum?.length) return schema.enum[0];
  const alt = schema.anyOf ?? schema.oneOf;
  if (alt) return exampleOf(alt.find((s) => s.type !== 'null') ?? alt[0], name);
  const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== 'null') : schema.type;
  switch (type) {
    case 'integer':
    case 'number':
      return schema.exclusiveMinimum !== undefined ? schema.exclusiveMinimum + 1 : (schema.minimum ?? 1);
    case 'boolean':
      return true;
    case 'array':
      return Array.from({ length: Math.max(1, schema.minItems ?? 1) }, () => exampleOf(schema.items, name));
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const key of schema.required ?? []) out[key] = exampleOf(schema.properties?.[key], key);
      return out;
    }
    default:
      if (schema.format === 'date') return '2026-03-02';
      if (schema.format === 'date-time') return '2026-03-02T03:00:00.000Z';
      if (schema.format === 'email') return 'a@example.com';
      if (/phone/i.test(name)) return '0905111222';
      return 'abc'.padEnd(Math.max(3, schema.minLength ?? 0), 'x').slice(0, schema.maxLength ?? 1000);
  }
}

const SKIP = [/^\/health\//, /\/events$/, /\.(pdf|lp|mps)$/, /\/import$/, /\/attachments$/];

export function operationsOf(doc: OpenApi): ApiOperation[] {
  const ops: ApiOperation[] = [];
  for (const [template, methods] of Object.entries(doc.paths)) {
    if (SKIP.some((re) => re.test(template))) continue;
    for (const [m, op] of Object.entries(methods)) {
      const method = m.toUpperCase() as ApiOperation['method'];
      const params = op.parameters ?? [];
      const query: Record<string, string> = {};
      for (const p of params.filter((p) => p.in === 'query')) query[p.name] = String(exampleOf(p.schema, p.name));
      let path = template;
      const stringPathParams: string[] = [];
      const pathValues: Record<string, string> = {};
      for (const p of params.filter((p) => p.in === 'path')) {
        const v = exampleOf(p.schema, p.name);
        if (typeof v === 'string') stringPathParams.push(p.name);
        pathValues[p.name] = encodeURIComponent(String(v));
        path = path.replace(`{${p.name}}`, pathValues[p.name] ?? '');
      }
      const json = op.requestBody?.content['application/json']?.schema;
      ops.push({
        method,
        template,
        path,
        query,
        stringPathParams,
        pathValues,
        body: json ? exampleOf(json) : undefined,
        hasJsonBody: !!json,
      });
    }
  }
  return ops;
}

/** Operations worth a scan: something of the caller's reaches the handler besides an id. */
export function injectable(op: ApiOperation): boolean {
  return Object.keys(op.query).length > 0 || op.stringPathParams.length > 0 || op.hasJsonBody;
}
