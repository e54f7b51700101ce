/**
 * How a run line is stored (staffing_run_lines.line) and read back (issue 5, Performance).
 *
 * A line's WisnResult (every intermediate figure and the trace) is a pure, deterministic function
 * of its WisnInput (computeWisn in ../wisn.ts); storing it made a province run write 4.3 MB of
 * JSON (bench/RESULTS.md). So a line keeps what cannot be recomputed — the exact WisnInput, the
 * workload sources with the standard used and where it came from, the expertise, status and
 * refusal — plus the formula version and the headline figures (`computed`). The result is
 * recomputed on read and must give identical (===, unrounded) figures, else reading fails
 * loudly rather than show other numbers. A change of computeWisn's arithmetic must bump
 * WISN_FORMULA_VERSION: lines of an older version are then not recomputed (this build's formulas
 * would give other figures) but read with their stored headline figures and inputs, flagged
 * `traceUnavailable` (result null: no intermediate figures, no trace). Under the same version a
 * figure the recomputation does not give still fails the read (tampering or a missed bump).
 *
 * Texts and blocks that repeat across a run's lines (procedure names, the source of each
 * standard, working time, support and additional activities) are kept once per run in a
 * dictionary (staffing_runs.line_dictionary, migration 0026) and referenced by index; a
 * line's activities are tuples. unitName and expertise stay plain: placement reads them.
 * Lines stored before (with `result`, no dictionary) are read as they are.
 */
import type { WisnInput } from '../staffing.schemas.ts';
import { computeWisn, WISN_FORMULA_VERSION } from '../wisn.ts';
import type { RunLine, TraceUnavailable } from './run.schemas.ts';

/** The figures kept next to the input; recomputation is checked against them. */
export type ComputedFigures = { formulaVersion: string; requiredStaff: number; difference: number; ratio: number | null };

type Service = WisnInput['service'][number];
type Source = RunLine['workloadSources'][number];
/** name, annualWorkload, standard, standardUnit (names and units as dictionary strings). */
type PackedService = [number, number, number, number];
/** activity, procedureCode, procedureName, channel, dossiers, minutesPerDossier, standardSource. */
type PackedSource = [number, string | null, number, Source['channel'], number, number, number];

export type PackedRunLine = Omit<RunLine, 'input' | 'result' | 'workloadSources'> & {
  computed: ComputedFigures | null;
  packed: {
    workingTime: number;
    service: PackedService[];
    support: number;
    additional: number;
    actualStaff: number;
    sources: PackedSource[];
  };
};

/** Strings and JSON blocks shared by a run's lines. */
export type LineDictionary = { strings: string[]; blocks: string[] };

/** Collects the dictionary while a run's lines are packed. */
export class LineDictionaryBuilder {
  private readonly strings: string[] = [];
  private readonly blocks: string[] = [];
  private readonly stringIndex = new Map<string, number>();
  private readonly blockIndex = new Map<string, number>();

  string(s: string): number {
    return intern(s, this.strings, this.stringIndex);
  }

  block(v: unknown): number {
    return intern(JSON.stringify(v), this.blocks, this.blockIndex);
  }

  toJSON(): string {
    const d: LineDictionary = { strings: this.strings, blocks: this.blocks };
    return JSON.stringify(d);
  }
}

function intern(s: string, list: string[], index: Map<string, number>): number {
  let i = index.get(s);
  if (i === undefined) {
    i = list.length;
    list.push(s);
    index.set(s, i);
  }
  return i;
}

export function packLine(line: RunLine, dict: LineDictionaryBuilder): string {
  const { input, result, workloadSources, ...rest } = line;
  const computed: ComputedFigures | null = result
    ? {
        formulaVersion: result.formulaVersion,
        requiredStaff: result.requiredStaff.value,
        difference: result.difference.value,
        ratio: result.ratio?.value ?? null,
      }
    : null;
  const packed: PackedRunLine = {
    ...rest,
    computed,
    packed: {
      workingTime: dict.block(input.workingTime),
      service: input.service.map((s) => [dict.string(s.name), s.annualWorkload, s.standard, dict.string(s.standardUnit)]),
      support: dict.block(input.support),
      additional: dict.block(input.additional),
      actualStaff: input.actualStaff,
      sources: workloadSources.map((w) => [
        dict.string(w.activity),
        w.procedureCode,
        dict.string(w.procedureName),
        w.channel,
        w.dossiers,
        w.minutesPerDossier,
        dict.string(w.standardSource),
      ]),
    },
  };
  return JSON.stringify(packed);
}

/** The stored dictionary of a run, or null for runs stored before it existed. */
export function parseDictionary(text: string | null | undefined): LineDictionary | null {
  return text === null || text === undefined ? null : (JSON.parse(text) as LineDictionary);
}

function text(d: LineDictionary, i: number): string {
  const s = d.strings[i];
  if (s === undefined) throw new Error(`run line dictionary has no string ${i}`);
  return s;
}

function block<T>(d: LineDictionary, i: number): T {
  const b = d.blocks[i];
  if (b === undefined) throw new Error(`run line dictionary has no block ${i}`);
  // Parsed for each line, so no two lines share (and could change) one object.
  return JSON.parse(b) as T;
}

function unpackInput(p: PackedRunLine['packed'], d: LineDictionary): WisnInput {
  return {
    workingTime: block<WisnInput['workingTime']>(d, p.workingTime),
    service: p.service.map(
      ([name, annualWorkload, standard, unit]): Service => ({
        name: text(d, name),
        annualWorkload,
        standard,
        standardUnit: text(d, unit) as Service['standardUnit'],
      }),
    ),
    support: block<WisnInput['support']>(d, p.support),
    additional: block<WisnInput['additional']>(d, p.additional),
    actualStaff: p.actualStaff,
  };
}

function unpackSources(p: PackedRunLine['packed'], d: LineDictionary): Source[] {
  return p.sources.map(([activity, procedureCode, procedureName, channel, dossiers, minutesPerDossier, standardSource]) => ({
    activity: text(d, activity) as Source['activity'],
    procedureCode,
    procedureName: text(d, procedureName),
    channel,
    dossiers,
    minutesPerDossier,
    standardSource: text(d, standardSource),
  }));
}

/** The stored figures of a line computed under another formula version, else null (recompute it). */
function olderVersion(c: ComputedFigures | null): TraceUnavailable | null {
  if (c === null || c.formulaVersion === WISN_FORMULA_VERSION) return null;
  return { formulaVersion: c.formulaVersion, requiredStaff: c.requiredStaff, difference: c.difference, ratio: c.ratio };
}

/** The result recomputed under this build's formula version, checked against the stored figures. */
function recompute(where: string, input: WisnInput, c: ComputedFigures | null): RunLine['result'] {
  if (c === null) return null;
  const outcome = computeWisn(input);
  if (!outcome.ok) throw new Error(`${where}: the stored input no longer computes`);
  const r = outcome.result;
  if (r.requiredStaff.value !== c.requiredStaff || r.difference.value !== c.difference || (r.ratio?.value ?? null) !== c.ratio)
    throw new Error(`${where}: recomputed figures differ from the stored ones`);
  return r;
}

/** The line as the use cases return it (the RunLine domain object), from either stored shape. */
export function fromStoredLine(stored: string, dictionary: LineDictionary | null): RunLine {
  const parsed = JSON.parse(stored) as PackedRunLine | RunLine;
  if (!('packed' in parsed)) return parsed;
  const where = `run line ${parsed.unitId}/${parsed.field}`;
  if (dictionary === null) throw new Error(`${where} is packed but its run has no dictionary`);
  const input = unpackInput(parsed.packed, dictionary);
  const stale = olderVersion(parsed.computed);
  const line: RunLine = {
    unitId: parsed.unitId,
    unitCode: parsed.unitCode,
    unitName: parsed.unitName,
    unitKind: parsed.unitKind,
    field: parsed.field,
    status: parsed.status,
    input,
    result: stale ? null : recompute(where, input, parsed.computed),
    refusal: parsed.refusal,
    workloadSources: unpackSources(parsed.packed, dictionary),
    expertise: parsed.expertise,
  };
  // Only flagged lines carry the key, so current lines read back exactly as they were computed.
  return stale ? { ...line, traceUnavailable: stale } : line;
}

/** Required staff, difference and ratio of a line: recomputed, or as stored under an older formula version; null when refused. */
export function headlineOf(line: RunLine): { requiredStaff: number; difference: number; ratio: number | null } | null {
  if (line.result)
    return {
      requiredStaff: line.result.requiredStaff.value,
      difference: line.result.difference.value,
      ratio: line.result.ratio?.value ?? null,
    };
  const t = line.traceUnavailable;
  return t ? { requiredStaff: t.requiredStaff, difference: t.difference, ratio: t.ratio } : null;
}
