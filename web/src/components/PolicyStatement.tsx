import type { PolicyInput } from '../api';
import { formatDate } from '../format';
import { SummaryList } from './ui';

const WEEKDAY_NAMES = ['', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday'];

export function weekdayList(days: readonly number[]): string {
  const names = [...days].sort().map((d) => WEEKDAY_NAMES[d] ?? String(d));
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

function Paragraphs({ text }: { text: string }) {
  return (
    <>
      {text
        .split(/\n{2,}/)
        .filter((p) => p.trim())
        .map((p, i) => (
          <p className="govuk-body sg-pre-line" key={i}>
            {p}
          </p>
        ))}
    </>
  );
}

/** The provider access policy statement as the public reads it; the editor previews the same thing. */
export function PolicyStatement({ policy, schoolName, headingLevel = 2 }: { policy: PolicyInput; schoolName: string; headingLevel?: 2 | 3 }) {
  const H = `h${headingLevel}` as 'h2';
  const S = `h${headingLevel + 1}` as 'h3';
  return (
    <div className="sg-policy">
      <H className="govuk-heading-m">Who to contact</H>
      <SummaryList
        rows={[
          { key: 'Name', value: policy.contact.name },
          { key: 'Role', value: policy.contact.role },
          { key: 'Email', value: <a className="govuk-link" href={`mailto:${policy.contact.email}`}>{policy.contact.email}</a> },
          { key: 'Telephone', value: policy.contact.telephone },
        ]}
      />
      <H className="govuk-heading-m">How to ask for access</H>
      <Paragraphs text={policy.requestProcedure} />
      <p className="govuk-body">
        {schoolName} asks for at least {policy.noticePeriodSchoolDays} school {policy.noticePeriodSchoolDays === 1 ? 'day' : 'days'}’ notice.
        Encounters last at least {policy.minimumDurationMinutes ?? 20} minutes.
      </p>
      <H className="govuk-heading-m">When providers can visit</H>
      <ul className="govuk-list govuk-list--bullet">
        {policy.accessTimes.map((t, i) => (
          <li key={i}>
            {weekdayList(t.weekdays)}, {t.start} to {t.end}
            {t.note ? ` (${t.note})` : ''}
          </li>
        ))}
      </ul>
      <H className="govuk-heading-m">Granting requests</H>
      <Paragraphs text={policy.grantingGrounds} />
      <H className="govuk-heading-m">Grounds for refusing a request</H>
      <p className="govuk-body">If we refuse a request, we will tell the provider which of these grounds applies.</p>
      <ul className="govuk-list govuk-list--bullet">
        {policy.refusalGrounds.map((g) => (
          <li key={g.id}>
            <strong>{g.label}</strong>
            {g.description ? `: ${g.description}` : ''}
          </li>
        ))}
      </ul>
      <H className="govuk-heading-m">Premises and facilities</H>
      <Paragraphs text={policy.premisesAndFacilities} />
      <H className="govuk-heading-m">How we meet the duty to give 6 encounters</H>
      <Paragraphs text={policy.howWeMeetTheDuty} />
      <H className="govuk-heading-m">Safeguarding</H>
      <p className="govuk-body">
        Read our{' '}
        <a className="govuk-link" href={policy.safeguardingPolicyUrl} rel="noreferrer noopener">
          safeguarding policy<span className="govuk-visually-hidden"> ({schoolName})</span>
        </a>
        . A DBS check is not needed for a one-off visit.
      </p>
      <H className="govuk-heading-m">Approval and review</H>
      <p className="govuk-body">
        Agreed by the governing body on {formatDate(policy.agreedByGovernorsOn)}. Next review: {formatDate(policy.nextReviewOn)}.
      </p>
      <H className="govuk-heading-l sg-section-break">Careers programme</H>
      <S className="govuk-heading-s">Careers leader</S>
      <SummaryList
        rows={[
          { key: 'Name', value: policy.careersProgramme.leaderName },
          { key: 'Email', value: <a className="govuk-link" href={`mailto:${policy.careersProgramme.leaderEmail}`}>{policy.careersProgramme.leaderEmail}</a> },
          { key: 'Telephone', value: policy.careersProgramme.leaderTelephone },
        ]}
      />
      <S className="govuk-heading-s">Our programme</S>
      <Paragraphs text={policy.careersProgramme.summary} />
      <S className="govuk-heading-s">How we measure its impact</S>
      <Paragraphs text={policy.careersProgramme.impactMeasurement} />
      <p className="govuk-body">Next review of the programme: {formatDate(policy.careersProgramme.nextReviewOn)}.</p>
    </div>
  );
}
