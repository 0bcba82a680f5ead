// @vitest-environment happy-dom
import { act } from 'react';
import { createRoot } from 'react-dom/client';
import { MemoryRouter } from 'react-router';
import { afterEach, describe, expect, it } from 'vitest';
import type { Compliance } from '../api';
import { ComplianceSummary } from './school-dashboard';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

afterEach(() => {
  document.body.innerHTML = '';
});

const phase = (deadline: string) => ({ status: 'AT_RISK', deadline, missing: `one more provider by ${deadline}` });

describe('the overview’s list of year groups at risk', () => {
  it('puts the nearest deadline first and says how many more there are, never silently stopping at five', async () => {
    const deadlines = ['2027-07-20', '2026-12-18', '2027-03-26', '2026-11-30', '2027-02-12', '2027-05-01', '2026-12-01'];
    const compliance = { cohorts: [{ phases: deadlines.slice(0, 4).map(phase) }, { phases: deadlines.slice(4).map(phase) }] } as unknown as Compliance;
    const root = document.createElement('div');
    document.body.append(root);
    await act(async () =>
      createRoot(root).render(
        <MemoryRouter>
          <ComplianceSummary schoolId="s1" compliance={compliance} hasCalendar />
        </MemoryRouter>,
      ),
    );
    const items = [...root.querySelectorAll('li')].map((li) => li.textContent);
    expect(items).toEqual([...deadlines].sort().slice(0, 5).map((d) => `one more provider by ${d}`));
    expect(root.querySelector('[data-testid="more-missing"]')?.textContent).toBe('And 2 more: see them on the compliance page.');
  });
});

describe('the overview’s list of waiting requests', () => {
  it('says how many in all and how many more than it shows', async () => {
    const { WaitingRequests } = await import('./school-dashboard');
    const items = ['2026-11-24', '2026-11-25', '2026-12-01', '2026-12-08', '2027-01-12'].map((date, i) => ({ id: `b${i}`, title: `Talk ${i}`, requesterName: 'Riverside College', date, start: '09:00' }));
    const root = document.createElement('div');
    document.body.append(root);
    await act(async () =>
      createRoot(root).render(
        <MemoryRouter>
          <WaitingRequests schoolId="s1" requests={{ total: 9, items }} />
        </MemoryRouter>,
      ),
    );
    expect([...root.querySelectorAll('[data-testid="waiting-requests"] li')]).toHaveLength(5);
    expect(root.textContent).toContain('9 requests are waiting for your decision');
    expect(root.querySelector('[data-testid="more-requests"]')?.textContent).toBe('And 4 more: see every request.');
  });
});
