import { describe, expect, it } from 'vitest';
import { INDEX_RULES, indexRulesOn, ruleProblems, scoreIndex } from './service-index.ts';

const rules = INDEX_RULES[0]!;

describe('service-quality index (Decision 766)', () => {
  it('the configuration adds up: each group its points, 100 in all', () => {
    for (const r of INDEX_RULES) expect(ruleProblems(r)).toEqual([]);
  });

  it('picks the rules in force on a date (the first ones before they started)', () => {
    expect(indexRulesOn('2025-06-30').effectiveFrom).toBe('2022-08-01');
    expect(indexRulesOn('2020-01-01').effectiveFrom).toBe('2022-08-01');
  });

  it.each([
    {
      name: 'full marks at the target',
      input: { numerator: 50, denominator: 50 },
      points: 12,
      status: 'scored',
    },
    {
      name: 'in proportion below it',
      input: { numerator: 45, denominator: 50 },
      points: 10.8,
      status: 'scored',
    },
    {
      name: 'zero only when zero was earned',
      input: { numerator: 0, denominator: 50 },
      points: 0,
      status: 'scored',
    },
    {
      name: 'nothing to divide by: no data, not zero',
      input: { numerator: 0, denominator: 0 },
      points: null,
      status: 'no_data',
    },
  ])('TD1: $name', ({ input, points, status }) => {
    const score = scoreIndex(rules, { TD1: input });
    const td1 = score.groups.find((g) => g.group === 'progress')!.indicators.find((i) => i.code === 'TD1')!;
    expect(td1.points).toBe(points);
    expect(td1.status).toBe(status);
  });

  it('a manual indicator not recorded is "manual_missing" and left out of the scored maximum', () => {
    const score = scoreIndex(rules, { TD1: { numerator: 9, denominator: 10 } });
    const ck1 = score.groups[0]!.indicators.find((i) => i.code === 'CK1')!;
    expect(ck1).toMatchObject({ status: 'manual_missing', points: null });
    expect(score.total).toEqual({ points: 10.8, maxPoints: 100, scoredMaxPoints: 12 });
  });

  it('everything recorded at the target gives 100', () => {
    const all = Object.fromEntries(rules.indicators.map((i) => [i.code, { numerator: 1, denominator: 1 }]));
    expect(scoreIndex(rules, all).total).toEqual({ points: 100, maxPoints: 100, scoredMaxPoints: 100 });
  });
});
