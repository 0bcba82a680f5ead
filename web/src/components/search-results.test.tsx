// @vitest-environment happy-dom
import { act } from 'react';
import { describe, expect, it } from 'vitest';
import { render } from '../test-support/render';
import { ApiError } from '../api';
import { distanceErrors } from './place';
import { SearchResults, dateRangeErrors, placeProblem } from './search-results';
import type { Load } from './states';

const loaded = <T,>(data: T): Load<T> => ({ state: 'ok', data, reload: () => undefined });

describe('SearchResults', () => {
  const list = (items: string[], nextCursor: string | null, more: string[] = [], order?: string) =>
    render(
      <SearchResults load={loaded({ items, nextCursor })} finding="Finding schools" noun={['school', 'schools']} order={order} onMore={(c) => more.push(c)} empty="No schools match.">
        {(name) => <li key={name}>{name}</li>}
      </SearchResults>,
    );

  it('counts the results in a live heading, says when more are to come, and asks for the next page', () => {
    const more: string[] = [];
    const host = list(['Hartfield', 'Kingsmead'], 'next-page', more, 'in name order');
    const heading = host.querySelector('h2')!;
    expect(heading.textContent).toBe('2 schools shown, in name order');
    expect(heading.getAttribute('aria-live')).toBe('polite');
    expect([...host.querySelectorAll('ul.sg-results > li')].map((li) => li.textContent)).toEqual(['Hartfield', 'Kingsmead']);
    const button = host.querySelector('button')!;
    expect(button.textContent).toBe('Show more schools');
    act(() => button.click());
    expect(more).toEqual(['next-page']);
  });

  it('names one result in the singular, with no button on the last page', () => {
    const host = list(['Hartfield'], null);
    expect(host.querySelector('h2')!.textContent).toBe('1 school');
    expect(host.querySelector('button')).toBeNull();
  });

  it('says what to try when nothing matches', () => {
    const host = list([], null);
    expect(host.querySelector('.sg-empty')!.textContent).toBe('No schools match.');
    expect(host.querySelector('h2')).toBeNull();
  });
});

describe('placeProblem', () => {
  const refused: Load<unknown> = { state: 'error', error: new ApiError(400, { type: 'about:blank', title: 'Bad request', status: 400, errors: [{ field: 'near', message: 'We do not know LS99' }] }), reload: () => undefined };
  it('tells an organisation with no location from a postcode the API cannot place', () => {
    expect(placeProblem(refused, '')).toEqual({ noLocation: true, nearUnknown: undefined, onField: 'Enter a postcode to search near' });
    expect(placeProblem(refused, 'LS99')).toEqual({ noLocation: false, nearUnknown: 'We do not know LS99', onField: 'We do not know LS99' });
    expect(placeProblem(loaded({}), 'LS6')).toEqual({ noLocation: false, nearUnknown: undefined, onField: undefined });
  });
});

describe('search field checks', () => {
  it('dateRangeErrors: both dates real, the end not before the start', () => {
    expect(dateRangeErrors('2026-10-01', '2027-03-31')).toEqual([]);
    expect(dateRangeErrors(null, '2027-03-31').map((e) => e.field)).toEqual(['from']);
    expect(dateRangeErrors('2026-10-02', '2026-10-01')).toEqual([{ field: 'to', message: 'The end date must be on or after the start date' }]);
  });

  it('distanceErrors: whole kilometres from 1 to 200, and a UK postcode or district if any', () => {
    expect(distanceErrors('25', '')).toEqual([]);
    expect(distanceErrors('200', 'LS6 2AB')).toEqual([]);
    expect(distanceErrors('0', 'LS6').map((e) => e.field)).toEqual(['withinKm']);
    expect(distanceErrors('201', 'nowhere').map((e) => e.field)).toEqual(['withinKm', 'near']);
  });
});
