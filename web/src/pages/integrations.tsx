import { useState, type FormEvent } from 'react';
import { useParams } from 'react-router';
import { createApiKeyInput, createWebhookInput, webhookEventKinds } from '@schoolgate/contracts';
import { api, type ApiKey, type DeliveryFailure, type WebhookEndpoint } from '../api';
import { formatInstant } from '../format';
import { Button, Checkboxes, ErrorSummary, Radios, TextInput, errorFor } from '../components/forms';
import { Column, Page } from '../components/Page';
import { Loaded, useLoad } from '../components/states';
import { useAction } from '../components/use-action';
import { BackLink, NotificationBanner, Table, WarningText } from '../components/ui';
import { useMe } from '../session';
import { zodErrors } from '../validation';

export const EVENT_LABELS: Record<(typeof webhookEventKinds)[number], string> = {
  'booking.requested': 'A request is made',
  'booking.confirmed': 'A booking is confirmed',
  'booking.declined': 'A request is declined (with the ground)',
  'booking.withdrawn': 'A request is withdrawn',
  'booking.cancelled': 'A booking is cancelled',
  'booking.delivered': 'A booking is recorded as delivered',
  'booking.not_delivered': 'A booking is recorded as not delivered',
};

const SCOPE_LABELS: Record<ApiKey['scope'], string> = { read: 'Read only', 'read-write': 'Read and change' };

/**
 * An organisation's connections to its own systems (a CRM, a dashboard): API keys that act for the
 * organisation, and webhooks that tell those systems what happened, signed so they can check.
 */
export function IntegrationsPage() {
  const { orgId = '' } = useParams();
  const me = useMe();
  const membership = me.memberships.find((m) => m.orgId === orgId);
  const back = membership?.kind === 'school' ? `/schools/${orgId}/profile` : `/organisations/${orgId}/settings`;
  return (
    <Page title="API keys and webhooks" caption={membership?.orgName} before={<BackLink to={back}>Back to settings</BackLink>}>
      <Column wide>
        <p className="govuk-body">
          Connect your own systems, such as a CRM, to Schoolgate. They act for your organisation, never for a person. The{' '}
          <a className="govuk-link" href="/v1/docs">
            API reference
          </a>{' '}
          lists what they can do and shows how to check a webhook’s signature.
        </p>
        <ApiKeys orgId={orgId} />
        <Webhooks orgId={orgId} />
      </Column>
    </Page>
  );
}

function ApiKeys({ orgId }: { orgId: string }) {
  const load = useLoad(() => api.apiKeys(orgId), [orgId]);
  const [name, setName] = useState('');
  const [scope, setScope] = useState<string>('read');
  const [created, setCreated] = useState<{ name: string; token: string } | null>(null);
  const { errors, setErrors, busy, attempt } = useAction();

  async function create(event: FormEvent) {
    event.preventDefault();
    const parsed = createApiKeyInput.safeParse({ name, scope });
    if (!parsed.success) {
      setErrors(zodErrors(parsed.error, { name: 'Enter a name for the key, like the system that will use it', scope: 'Choose what the key may do' }));
      return;
    }
    let token = '';
    if (!(await attempt(async () => (token = (await api.createApiKey(orgId, parsed.data)).token)))) return;
    setCreated({ name: parsed.data.name, token });
    setName('');
    load.reload();
  }

  async function revoke(key: ApiKey) {
    if (await attempt(() => api.revokeApiKey(orgId, key.keyId))) load.reload();
  }

  return (
    <section aria-labelledby="api-keys">
      <h2 className="govuk-heading-m" id="api-keys">
        API keys
      </h2>
      {created ? (
        <NotificationBanner success title="Success" heading={`API key “${created.name}” created`}>
          <p className="govuk-body">Copy it now and keep it somewhere safe. We only keep a fingerprint of it, so you will not see it again.</p>
          <p className="govuk-body">
            <code data-testid="new-api-key">{created.token}</code>
          </p>
        </NotificationBanner>
      ) : null}
      <ErrorSummary errors={errors} />
      <Loaded load={load} what="API keys">
        {({ items }) =>
          items.length ? (
            <Table
              caption="Your keys"
              captionSize="s"
              head={['Name', 'Access', 'Key starts', 'Last used', 'Status']}
              rows={items.map((key) => [
                key.name,
                SCOPE_LABELS[key.scope],
                <code key="hint">{key.hint}…</code>,
                key.lastUsedAt ? formatInstant(key.lastUsedAt) : 'Not yet',
                key.revokedAt ? (
                  `Revoked ${formatInstant(key.revokedAt)}`
                ) : (
                  <Button key="revoke" type="button" warning disabled={busy} onClick={() => void revoke(key)}>
                    Revoke<span className="govuk-visually-hidden"> {key.name}</span>
                  </Button>
                ),
              ])}
            />
          ) : (
            <p className="govuk-body">You have no API keys.</p>
          )
        }
      </Loaded>
      <form onSubmit={create} noValidate>
        <h3 className="govuk-heading-s">Create an API key</h3>
        <TextInput name="name" label="Name" hint="The system that will use it, for example Our CRM" value={name} onChange={setName} error={errorFor(errors, 'name')} />
        <Radios
          name="scope"
          legend="What may it do?"
          legendClass="govuk-fieldset__legend--s"
          value={scope}
          onChange={setScope}
          error={errorFor(errors, 'scope')}
          choices={[
            { value: 'read', text: SCOPE_LABELS.read, hint: 'See your bookings, requests and slots' },
            { value: 'read-write', text: SCOPE_LABELS['read-write'], hint: 'Also act as your careers leader or administrator would' },
          ]}
        />
        <Button disabled={busy}>Create API key</Button>
      </form>
    </section>
  );
}

function Webhooks({ orgId }: { orgId: string }) {
  const load = useLoad(async () => {
    const [hooks, failures] = await Promise.all([api.webhooks(orgId), api.deliveryFailures(orgId)]);
    return { ...hooks, failures: failures.items.filter((f) => f.messageKind === 'webhook' && f.status !== 'resent') };
  }, [orgId]);
  const [url, setUrl] = useState('');
  const [events, setEvents] = useState<string[]>(['booking.confirmed']);
  const [secret, setSecret] = useState<{ heading: string; secret: string } | null>(null);
  const [queued, setQueued] = useState<ReadonlySet<string>>(new Set());
  const { errors, setErrors, busy, attempt } = useAction();

  async function add(event: FormEvent) {
    event.preventDefault();
    const parsed = createWebhookInput.safeParse({ url: url.trim(), events });
    if (!parsed.success) {
      setErrors(zodErrors(parsed.error, { url: 'Enter the full address of your endpoint, starting with https://', events: 'Choose at least one event' }));
      return;
    }
    let shown = '';
    if (!(await attempt(async () => (shown = (await api.createWebhook(orgId, parsed.data)).secret)))) return;
    setSecret({ heading: `Endpoint added: ${parsed.data.url}`, secret: shown });
    setUrl('');
    load.reload();
  }

  async function rotate(endpoint: WebhookEndpoint) {
    let shown = '';
    if (!(await attempt(async () => (shown = (await api.rotateWebhookSecret(orgId, endpoint.endpointId)).secret)))) return;
    setSecret({ heading: `New signing secret for ${endpoint.url}`, secret: shown });
    load.reload();
  }

  async function remove(endpoint: WebhookEndpoint) {
    if (await attempt(() => api.deleteWebhook(orgId, endpoint.endpointId))) load.reload();
  }

  async function resend(f: DeliveryFailure) {
    if (await attempt(() => api.resendDelivery(orgId, { eventId: f.eventId, recipient: f.recipient }))) setQueued((done) => new Set(done).add(`${f.eventId}|${f.recipient}`));
  }

  return (
    <section aria-labelledby="webhooks">
      <h2 className="govuk-heading-m" id="webhooks">
        Webhooks
      </h2>
      <p className="govuk-body">
        We send your endpoint a signed POST when something happens to one of your bookings. Check the{' '}
        <code>Schoolgate-Signature</code> header with your signing secret before you trust it.
      </p>
      {secret ? (
        <NotificationBanner success title="Success" heading={secret.heading}>
          <p className="govuk-body">Your signing secret is below. Copy it now: you will not see it again.</p>
          <p className="govuk-body">
            <code data-testid="new-webhook-secret">{secret.secret}</code>
          </p>
        </NotificationBanner>
      ) : null}
      <ErrorSummary errors={errors} />
      <Loaded load={load} what="webhooks">
        {({ items, failures }) => (
          <>
            {items.length ? (
              <Table
                caption="Your endpoints"
                captionSize="s"
                head={['Address', 'Events', 'Actions']}
                rows={items.map((endpoint) => [
                  endpoint.url,
                  <>
                    {endpoint.events.map((e) => EVENT_LABELS[e as keyof typeof EVENT_LABELS] ?? e).join('; ')}
                    {endpoint.previousSecretExpiresAt ? <p className="govuk-body-s">The old secret also signs until {formatInstant(endpoint.previousSecretExpiresAt)}.</p> : null}
                  </>,
                  <div key="actions" className="govuk-button-group">
                    <Button type="button" secondary disabled={busy} onClick={() => void rotate(endpoint)}>
                      Rotate secret<span className="govuk-visually-hidden"> for {endpoint.url}</span>
                    </Button>
                    <Button type="button" warning disabled={busy} onClick={() => void remove(endpoint)}>
                      Remove<span className="govuk-visually-hidden"> {endpoint.url}</span>
                    </Button>
                  </div>,
                ])}
              />
            ) : (
              <p className="govuk-body">You have no webhook endpoints.</p>
            )}
            {failures.length ? (
              <>
                <WarningText>
                  {failures.length === 1 ? 'A delivery' : `${failures.length} deliveries`} failed after three tries.
                </WarningText>
                <Table
                  caption="Failed deliveries"
                  captionSize="s"
                  head={['When', 'What', 'Why', 'Action']}
                  rows={failures.map((f) => [
                    formatInstant(f.failedAt),
                    f.summary,
                    f.error,
                    f.status === 'queued' || queued.has(`${f.eventId}|${f.recipient}`) ? (
                      <strong key="q">Sending again</strong>
                    ) : (
                      <Button key="r" type="button" secondary disabled={busy} onClick={() => void resend(f)}>
                        Send again<span className="govuk-visually-hidden"> {f.summary}</span>
                      </Button>
                    ),
                  ])}
                />
              </>
            ) : null}
          </>
        )}
      </Loaded>
      <form onSubmit={add} noValidate>
        <h3 className="govuk-heading-s">Add an endpoint</h3>
        <TextInput name="url" label="Endpoint address" hint="Starting with https://" type="url" spellCheck={false} value={url} onChange={setUrl} error={errorFor(errors, 'url')} />
        <Checkboxes
          name="events"
          legend="Which events should it get?"
          legendClass="govuk-fieldset__legend--s"
          small
          values={events}
          onChange={setEvents}
          error={errorFor(errors, 'events')}
          choices={webhookEventKinds.map((kind) => ({ value: kind, text: EVENT_LABELS[kind] }))}
        />
        <Button disabled={busy}>Add endpoint</Button>
      </form>
    </section>
  );
}
