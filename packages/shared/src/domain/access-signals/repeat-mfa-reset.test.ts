import { describe, expect, it } from 'vitest';
import { stricterRequirementsFromIds } from '../access-requests/requirements.js';
import { evaluateSignalCorpus } from './confusion-matrix.js';
import { SIGNAL_CORPUS } from './corpus/signal-corpus.js';
import { DEFAULT_SIGNAL_RULE_SET } from './default-rule-set.js';
import { scoreRequest } from './score-request.js';

const BLAND = 'Hi, could you reset my MFA? I got a new phone.';
const score = (mfaResetsLast24h?: number) =>
  scoreRequest(DEFAULT_SIGNAL_RULE_SET, { text: BLAND, context: { localHour: 11, localWeekday: 'wed', ...(mfaResetsLast24h === undefined ? {} : { mfaResetsLast24h }) } });

describe('a second MFA reset within 24 hours (decision 0041)', () => {
  it('on its own reaches high, is named in plain words and asks for a security review', () => {
    const result = score(1);
    expect(result.level).toBe('high');
    expect(result.signals).toEqual([
      expect.objectContaining({ ruleId: 'repeat-mfa-reset', label: 'A second MFA reset of this account within 24 hours', evidence: '1 MFA reset of this account in the last 24 hours' }),
    ]);
    expect(stricterRequirementsFromIds(result.requirements.map((r) => r.id))).toContain('security_review');
    expect(result.requirements.find((r) => r.id === 'security_review')?.triggeredBy).toContain('repeat-mfa-reset');
  });

  it('stays quiet for a first reset and when the count is unknown (any other action)', () => {
    expect(score(0)).toMatchObject({ level: 'low', signals: [] });
    expect(score()).toMatchObject({ level: 'low', signals: [] });
  });

  it('flags every corpus request that is a second reset, and no honest first reset around other requests', () => {
    const repeat = SIGNAL_CORPUS.filter((r) => (r.context.mfaResetsLast24h ?? 0) > 0);
    const firsts = SIGNAL_CORPUS.filter((r) => r.context.mfaResetsLast24h === 0);
    expect(repeat.length).toBeGreaterThanOrEqual(8);
    expect(firsts.length).toBeGreaterThanOrEqual(3);
    const onRepeat = evaluateSignalCorpus(DEFAULT_SIGNAL_RULE_SET, repeat, 'high');
    expect(onRepeat.matrix).toMatchObject({ truePositives: repeat.length, falseNegatives: 0 });
    const onFirsts = evaluateSignalCorpus(DEFAULT_SIGNAL_RULE_SET, firsts);
    expect(onFirsts.matrix.falsePositives).toBe(0);
    expect(firsts.every((r) => r.label === 'legitimate')).toBe(true);
  });
});
