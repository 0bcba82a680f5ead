import { useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import type { VerificationQueue } from '../api';
import { api, type FieldError, type OrgKind } from '../api';
import { Button, ErrorSummary, Select, errorFor } from '../components/forms';
import { Column } from '../components/Page';
import { giasApi, type GiasImportResult } from '../evidence-api';
import { Page } from '../components/Page';
import { Empty, Loaded, useLoad } from '../components/states';
import { MoreLinks, useListCursor } from '../components/more';
import { BackLink, NotificationBanner, Table, Tag } from '../components/ui';
import { useMe } from '../session';
import { errorsFrom } from '../validation';
import { formatInstant } from '../format';

export function AdminPage() {
  const me = useMe();
  const [kind, setKind] = useState<OrgKind>('provider');
  const cursor = useListCursor();
  const [, setParams] = useSearchParams();
  const load = useLoad(() => (me.platformAdmin ? api.adminOrganisations(kind, cursor) : Promise.resolve({ items: [], nextCursor: null })), [kind, cursor, me.platformAdmin]);
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [notice, setNotice] = useState<string | null>(null);
  if (!me.platformAdmin) {
    return (
      <Page title="Verify organisations">
        <p className="govuk-body">Only Schoolgate administrators can verify organisations.</p>
      </Page>
    );
  }
  return (
    <Page title="Verify organisations" wide>
      {notice ? <NotificationBanner success title="Success" heading={notice} /> : null}
      <p className="govuk-body">
        <Link className="govuk-link" to="/admin/gias">
          Import school details from Get Information about Schools
        </Link>
      </p>
      <ErrorSummary errors={errors} />
      <VerificationQueueSection
        onVerified={(name) => {
          setNotice(`${name} is verified`);
          load.reload();
        }}
        onError={(error) => setErrors(errorsFrom(error))}
      />
      <h2 className="govuk-heading-m">All organisations</h2>
      <Select
        name="kind"
        label="Show"
        value={kind}
        onChange={(v) => {
          setKind(v as OrgKind);
          // A cursor belongs to one kind's list: another kind starts at its beginning.
          setParams((params) => {
            params.delete('cursor');
            return params;
          });
        }}
        options={[
          { value: 'provider', text: 'Providers' },
          { value: 'employer', text: 'Employers' },
          { value: 'school', text: 'Schools' },
        ]}
      />
      <Loaded load={load}>
        {({ items }) =>
          items.length ? (
            <Table
              caption={`${kind === 'school' ? 'Schools' : kind === 'provider' ? 'Providers' : 'Employers'} on Schoolgate`}
              head={['Name', 'Reference', 'Postcode', 'Status', 'Action']}
              rows={items.map((o) => [
                o.name,
                o.urn ? `URN ${o.urn}` : o.ukprn ? `UKPRN ${o.ukprn}` : o.companiesHouseNumber ? `Company ${o.companiesHouseNumber}` : 'None',
                o.postcode,
                o.verified ? <Tag colour="green">Verified</Tag> : <Tag colour="yellow">Not verified</Tag>,
                // Verifying is done from the queue above, where the register identifiers are checked.
                o.verified ? 'None' : 'In the queue above',
              ])}
            />
          ) : (
            <Empty>No organisations of this kind yet.</Empty>
          )
        }
      </Loaded>
      {load.state === 'ok' ? <MoreLinks nextCursor={load.data.nextCursor} what="organisations" /> : null}
    </Page>
  );
}

/**
 * A platform admin imports a Get Information about Schools extract (CSV, as the register writes
 * it): schools that register with a URN in it are pre-filled and invited to their trust.
 */
export function GiasImportPage() {
  const me = useMe();
  const [file, setFile] = useState<File | null>(null);
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<GiasImportResult | null>(null);
  if (!me.platformAdmin) {
    return (
      <Page title="Import school details">
        <p className="govuk-body">Only Schoolgate administrators can import the register.</p>
      </Page>
    );
  }
  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!file) return setErrors([{ field: 'csv', message: 'Choose the extract to upload' }]);
    if (file.size > 4 * 1024 * 1024) return setErrors([{ field: 'csv', message: 'The file is larger than 4 MB: download an extract for fewer local authorities' }]);
    setErrors([]);
    setResult(null);
    setBusy(true);
    try {
      setResult(await giasApi.import(file));
    } catch (error) {
      setErrors(errorsFrom(error));
    } finally {
      setBusy(false);
    }
  }
  return (
    <Page title="Import school details" before={<BackLink to="/admin">Verify organisations</BackLink>}>
      <Column>
        {result ? (
          <NotificationBanner success title="Success" heading={`${result.establishments} establishments imported`}>
            <p className="govuk-body">
              {result.open} open, {result.closed} closed, in {result.trusts} {result.trusts === 1 ? 'trust' : 'trusts'}. A school that registers with one of these URNs is filled in
              from the register and invited to its trust if the trust is on Schoolgate.
            </p>
          </NotificationBanner>
        ) : null}
        <ErrorSummary errors={errors} />
        <p className="govuk-body">
          Download an extract of establishments from Get Information about Schools (CSV, with its standard columns) and upload it here. Importing again
          replaces each school’s entry with the newer one; closed schools are marked closed.
        </p>
        <form onSubmit={submit} noValidate>
          <div className={`govuk-form-group${errorFor(errors, 'csv') ? ' govuk-form-group--error' : ''}`}>
            <label className="govuk-label govuk-label--s" htmlFor="csv">
              Extract (CSV, at most 4 MB)
            </label>
            {errorFor(errors, 'csv') ? (
              <p className="govuk-error-message" id="csv-error">
                <span className="govuk-visually-hidden">Error:</span> {errorFor(errors, 'csv')}
              </p>
            ) : null}
            <input
              className={`govuk-file-upload${errorFor(errors, 'csv') ? ' govuk-file-upload--error' : ''}`}
              id="csv"
              name="csv"
              type="file"
              accept=".csv,text/csv"
              aria-describedby={errorFor(errors, 'csv') ? 'csv-error' : undefined}
              onChange={(event) => setFile(event.target.files?.[0] ?? null)}
            />
          </div>
          <Button disabled={busy}>Import</Button>
        </form>
      </Column>
    </Page>
  );
}

const KIND_NAMES = { school: 'Schools', provider: 'Providers', employer: 'Employers' } as const;

/** The register identifiers the admin checks, as the organisation gave them. */
function identifiers(o: VerificationQueue['items'][number]) {
  const found = [o.urn && `URN ${o.urn}`, o.ukprn && `UKPRN ${o.ukprn}`, o.companiesHouseNumber && `Companies House ${o.companiesHouseNumber}`].filter(Boolean);
  return found.length ? found.join(', ') : 'None given';
}

/** Organisations waiting to be verified, the longest waiting first, with counts per kind and state. */
function VerificationQueueSection({ onVerified, onError }: { onVerified: (name: string) => void; onError: (error: unknown) => void }) {
  const [cursor, setCursor] = useState<string | undefined>(undefined);
  const [pages, setPages] = useState<string[]>([]);
  const queue = useLoad(() => api.verificationQueue(undefined, cursor), [cursor]);
  return (
    <>
      <h2 className="govuk-heading-m">Waiting to be verified</h2>
      <Loaded load={queue} what="Loading the queue">
        {({ counts, items, nextCursor }) => (
          <>
            <Table
              caption="Organisations by state"
              head={['Kind', 'Waiting', 'Verified']}
              rows={(['school', 'provider', 'employer'] as const).map((kind) => [KIND_NAMES[kind], String(counts[kind].waiting), String(counts[kind].verified)])}
            />
            {items.length ? (
              <Table
                caption="Waiting, longest first"
                head={['Name', 'Kind', 'Check on the register', 'Waiting since', 'Action']}
                rows={items.map((o) => [
                  o.name,
                  o.kind === 'school' ? 'School' : o.kind === 'provider' ? 'Provider' : 'Employer',
                  identifiers(o),
                  formatInstant(o.waitingSince),
                  <button
                    type="button"
                    className="govuk-button govuk-button--secondary govuk-!-margin-bottom-0"
                    onClick={async () => {
                      try {
                        await api.verify(o.id);
                        onVerified(o.name);
                        queue.reload();
                      } catch (error) {
                        onError(error);
                      }
                    }}
                  >
                    Verify<span className="govuk-visually-hidden"> {o.name}</span>
                  </button>,
                ])}
              />
            ) : (
              <Empty>Nobody is waiting to be verified.</Empty>
            )}
            <p className="govuk-body">
              {pages.length ? (
                <button
                  type="button"
                  className="govuk-button govuk-button--secondary govuk-!-margin-right-2"
                  onClick={() => {
                    const previous = pages.slice(0, -1);
                    setPages(previous);
                    setCursor(pages.at(-1) || undefined);
                  }}
                >
                  Previous waiting
                </button>
              ) : null}
              {nextCursor ? (
                <button
                  type="button"
                  className="govuk-button govuk-button--secondary"
                  onClick={() => {
                    setPages([...pages, cursor ?? '']);
                    setCursor(nextCursor);
                  }}
                >
                  More waiting
                </button>
              ) : null}
            </p>
          </>
        )}
      </Loaded>
    </>
  );
}
