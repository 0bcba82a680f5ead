// @vitest-environment happy-dom
import { act } from 'react';
import { describe, expect, it } from 'vitest';
import { render } from '../test-support/render';
import { DateInput, ErrorSummary, TextInput } from './forms';

describe('ErrorSummary', () => {
  it('renders nothing when there are no errors', () => {
    const host = render(<ErrorSummary errors={[]} />);
    expect(host.innerHTML).toBe('');
  });

  it('takes focus, links each error to its field by id, and moves focus there on click', () => {
    const host = render(
      <>
        <ErrorSummary errors={[{ field: 'contact.email', message: 'Enter an email' }, { message: 'Something else' }]} />
        <TextInput name="contact.email" label="Email" value="" onChange={() => undefined} error="Enter an email" />
      </>,
    );
    const summary = host.querySelector('.govuk-error-summary')!;
    expect(document.activeElement).toBe(summary);
    const links = summary.querySelectorAll('a');
    expect(links).toHaveLength(1);
    expect(links[0]!.getAttribute('href')).toBe('#contact.email');
    expect(summary.textContent).toContain('Something else');
    act(() => links[0]!.click());
    expect(document.activeElement?.id).toBe('contact.email');
  });

  it('links a group error (a date) to its first box', () => {
    const host = render(
      <>
        <ErrorSummary errors={[{ field: 'date', message: 'Enter a date' }]} />
        <DateInput name="date" legend="Date" value={{ day: '', month: '', year: '' }} onChange={() => undefined} error="Enter a date" />
      </>,
    );
    act(() => host.querySelector('.govuk-error-summary a')!.dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true })));
    expect(document.activeElement?.id).toBe('date');
  });
});

describe('TextInput', () => {
  it('ties the hint and error to the input for screen readers', () => {
    const host = render(<TextInput name="urn" label="URN" hint="6 or 7 digits" error="Enter the URN" value="" onChange={() => undefined} />);
    const input = host.querySelector('input')!;
    expect(input.getAttribute('aria-describedby')).toBe('urn-hint urn-error');
    expect(host.querySelector('label')!.getAttribute('for')).toBe('urn');
    expect(host.querySelector('#urn-error')!.textContent).toContain('Error: Enter the URN');
  });
});
