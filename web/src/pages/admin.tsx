import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { api, type FieldError, type OrgKind } from '../api';
import { ErrorSummary, Select } from '../components/forms';
import { Page } from '../components/Page';
import { Empty, Loaded, useLoad } from '../components/states';
import { MoreLinks, useListCursor } from '../components/more';
import { NotificationBanner, Table, Tag } from '../components/ui';
import { useMe } from '../session';
import { errorsFrom } from '../validation';

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
      <ErrorSummary errors={errors} />
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
                o.verified ? (
                  'None'
                ) : (
                  <button
                    type="button"
                    className="govuk-button govuk-button--secondary govuk-!-margin-bottom-0"
                    onClick={async () => {
                      try {
                        await api.verify(o.id);
                        setNotice(`${o.name} is verified`);
                        load.reload();
                      } catch (error) {
                        setErrors(errorsFrom(error));
                      }
                    }}
                  >
                    Verify<span className="govuk-visually-hidden"> {o.name}</span>
                  </button>
                ),
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
