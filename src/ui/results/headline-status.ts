// What a headline figure's colour means, and the words that say so: red for a shortfall or for
// GPs above the safe contacts a day, green for none, no colour for money.
import { fmt } from '../format';

export interface HeadlineStatus {
  tone: 'bad' | 'ok' | 'neutral';
  says: string;
}

export function headlineStatus(key: string, value: number | null, safeContacts: number | null): HeadlineStatus {
  if (value === null) return { tone: 'neutral', says: 'No GPs here, so no figure' };
  switch (key) {
    case 'gpContactsPerGpDay':
      if (safeContacts === null) return { tone: 'neutral', says: 'The workbook states no safe level' };
      {
        const safe = fmt(safeContacts, Number.isInteger(safeContacts) ? 'int' : 'number');
        return value > safeContacts ? { tone: 'bad', says: `Above the safe ${safe} a day` } : { tone: 'ok', says: `Within the safe ${safe} a day` };
      }
    case 'totalCostGBP':
      return { tone: 'neutral', says: 'Cost is not coloured' };
    case 'gpWteShortOfSafe':
      return value > 0 ? { tone: 'bad', says: 'Short of safe working' } : { tone: 'ok', says: 'Enough GPs for safe working' };
    default:
      return value > 0 ? { tone: 'bad', says: 'A shortfall' } : { tone: 'ok', says: 'No shortfall' };
  }
}
