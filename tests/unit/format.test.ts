// How figures read on screen: thousands separators, %, GBP and WTE, and never a "-0".
import { describe, expect, it } from 'vitest';
import { fmt } from '../../src/ui/format';

describe('figures on screen', () => {
  it('use en-GB thousands separators, %, £ and one decimal for WTE', () => {
    expect(fmt(20518.6, 'int')).toBe('20,519');
    expect(fmt(0.0075, 'percent')).toBe('0.75%');
    expect(fmt(140000, 'gbp')).toBe('£140,000');
    expect(fmt(1.5, 'gbp2')).toBe('£1.50');
    expect(fmt(83_912_345, 'gbpMillions')).toBe('£83.9m');
    expect(fmt(420.24, 'wte')).toBe('420.2');
    expect(fmt(35.64, 'number')).toBe('35.6');
    expect(fmt(1234.5, 'number')).toBe('1,235');
  });

  it('show a value that rounds to zero as 0, and keep the sign of a real negative', () => {
    for (const f of ['int', 'number', 'wte', 'decimal2', 'gbp', 'percent'] as const) {
      expect(fmt(-0, f)).not.toContain('-');
      expect(fmt(-1e-9, f)).not.toContain('-');
    }
    expect(fmt(-0.4, 'int')).toBe('0');
    expect(fmt(-1234, 'int')).toBe('-1,234');
    expect(fmt(-0.02, 'percent')).toBe('-2%');
  });

  it('show nothing for a missing value and a dash for one that is not a number', () => {
    expect(fmt(null, 'int')).toBe('');
    expect(fmt(undefined, 'int')).toBe('');
    expect(fmt(Number.NaN, 'int')).toBe('–');
    expect(fmt(Number.POSITIVE_INFINITY, 'gbp')).toBe('–');
  });
});
