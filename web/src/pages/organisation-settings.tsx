import { useState, type FormEvent } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { offerings, providerTypes, updatePartner } from '@schoolgate/contracts';
import { api, type FieldError, type OrganisationView } from '../api';
import { safeReturnTo } from '../auth';
import { Button, Checkboxes, ErrorSummary, Select, TextInput, errorFor } from '../components/forms';
import { Column, Page } from '../components/Page';
import { useAction } from '../components/use-action';
import { Loaded, useLoad } from '../components/states';
import { BackLink, NotificationBanner } from '../components/ui';
import { CalendarFeedSection } from '../components/calendar-feed';
import { PlaceFields, emptyPlace, placeFrom, placeNeeded } from '../components/place';
import { useMe } from '../session';
import { zodErrors } from '../validation';
import { OFFERING_LABELS, PROVIDER_TYPE_LABELS } from './organisation-new';

/** "7, 1" → [7, 1]; empty → [] (reminders off); anything else → null so the form can say what is wrong. */
export function parseReminderDays(text: string): number[] | null {
  const parts = text
    .split(/[,\s]+/)
    .map((p) => p.trim())
    .filter(Boolean);
  if (!parts.every((p) => /^\d+$/.test(p))) return null;
  const days = [...new Set(parts.map(Number))].sort((a, b) => b - a);
  if (days.length > 5 || days.some((d) => d < 1 || d > 60)) return null;
  return days;
}

export const REMINDER_DAYS_MESSAGE = 'Enter up to 5 numbers of days from 1 to 60, separated by commas, like 7, 1, or leave it empty';

export interface NotificationForm {
  contactEmail: string;
  reminderDays: string;
}

export const notificationForm = (org: OrganisationView): NotificationForm => ({
  contactEmail: org.notifications?.contactEmail ?? '',
  reminderDays: (org.notifications?.reminderDaysBefore ?? []).join(', '),
});

/** Shared by the school profile and the partner settings: both PATCH the same `notifications` shape. */
export function NotificationFields({ value, onChange, errors }: { value: NotificationForm; onChange: (v: NotificationForm) => void; errors: FieldError[] }) {
  return (
    <>
      <h2 className="govuk-heading-m" id="notifications">
        Email notifications
      </h2>
      <p className="govuk-body">We always email confirmations and cancellations to this address, whatever you choose for reminders.</p>
      <TextInput
        name="notifications.contactEmail"
        label="Contact email address"
        hint="A shared inbox works well, so someone sees it when you are away"
        type="email"
        autoComplete="email"
        spellCheck={false}
        value={value.contactEmail}
        onChange={(v) => onChange({ ...value, contactEmail: v })}
        error={errorFor(errors, 'notifications.contactEmail')}
      />
      <TextInput
        name="notifications.reminderDaysBefore"
        label="Send reminders this many days before each booking"
        hint="Separate with commas, for example 7, 1. Leave empty to switch reminders off."
        width={10}
        value={value.reminderDays}
        onChange={(v) => onChange({ ...value, reminderDays: v })}
        error={errorFor(errors, 'notifications.reminderDaysBefore')}
      />
    </>
  );
}

/** Notification settings for a PATCH body, or the form errors that stop it. */
export function notificationsFrom(value: NotificationForm): { notifications?: { contactEmail: string; reminderDaysBefore: number[] }; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const contactEmail = value.contactEmail.trim();
  if (!contactEmail) errors.push({ field: 'notifications.contactEmail', message: 'Enter the email address we should send booking emails to' });
  else if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(contactEmail)) {
    errors.push({ field: 'notifications.contactEmail', message: 'Enter an email address in the correct format, like careers@school.example' });
  }
  const reminderDaysBefore = parseReminderDays(value.reminderDays);
  if (!reminderDaysBefore) errors.push({ field: 'notifications.reminderDaysBefore', message: REMINDER_DAYS_MESSAGE });
  return errors.length || !reminderDaysBefore ? { errors } : { notifications: { contactEmail, reminderDaysBefore }, errors };
}

export function OrganisationSettingsPage() {
  const { orgId = '' } = useParams();
  const load = useLoad(() => api.organisation(orgId), [orgId]);
  return (
    <Page title="Organisation settings" before={<BackLink to={`/organisations/${orgId}`}>Back to overview</BackLink>}>
      <Loaded load={load}>{(org) => <SettingsForm org={org} onSaved={load.reload} />}</Loaded>
    </Page>
  );
}

function SettingsForm({ org, onSaved }: { org: OrganisationView; onSaved: () => void }) {
  const me = useMe();
  const [params] = useSearchParams();
  const returnTo = params.get('returnTo') ? safeReturnTo(params.get('returnTo')) : null;
  const [f, setF] = useState({
    name: org.name,
    address: org.address ?? '',
    postcode: org.postcode,
    website: org.website ?? '',
    providerType: org.providerType ?? 'fe_college',
    offers: (org.offers ?? []) as string[],
    sector: org.sector ?? '',
  });
  const [notifications, setNotifications] = useState(notificationForm(org));
  const [place, setPlace] = useState(emptyPlace);
  const { errors, setErrors, busy, attempt } = useAction();
  const [saved, setSaved] = useState(false);
  const set = (key: keyof typeof f) => (value: string) => setF((old) => ({ ...old, [key]: value }));

  async function submit(event: FormEvent) {
    event.preventDefault();
    setSaved(false);
    const placed = await placeFrom(place);
    const found: FieldError[] = [...placed.errors];
    const n = notificationsFrom(notifications);
    const parsed = updatePartner.safeParse({
      name: f.name,
      address: f.address,
      postcode: f.postcode,
      ...(placed.location ? { location: placed.location } : {}),
      ...(f.website.trim() ? { website: f.website.trim() } : {}),
      ...(org.kind === 'provider' ? { providerType: f.providerType, offers: f.offers } : {}),
      ...(org.kind === 'employer' ? { sector: f.sector } : {}),
    });
    if (!parsed.success) {
      found.push(
        ...zodErrors(parsed.error, {
          name: 'Enter your organisation’s name',
          postcode: 'Enter a full UK postcode, like LS6 2AB',
          website: 'Enter a web address starting with https://',
          sector: 'Enter the sector you work in, for example engineering',
        }),
      );
    }
    found.push(...n.errors);
    setErrors(found);
    if (found.length || !parsed.success || !n.notifications) return;
    if (!(await attempt(() => api.updateOrganisation(org.id, { ...parsed.data, notifications: n.notifications })))) return;
    setSaved(true);
    setPlace(emptyPlace);
    onSaved();
    // The organisation's name is shown from the membership list, so refresh it too.
    me.reload();
  }

  return (
    <Column>
      {saved ? (
        <NotificationBanner success title="Success" heading="Your organisation settings are saved">
          {returnTo ? (
            <p className="govuk-body">
              <Link className="govuk-notification-banner__link" to={returnTo}>
                Go back to your search
              </Link>
            </p>
          ) : null}
        </NotificationBanner>
      ) : null}
      <ErrorSummary errors={errors} />
      <form onSubmit={submit} noValidate>
        <TextInput name="name" label="Organisation name" value={f.name} onChange={set('name')} error={errorFor(errors, 'name')} />
        <TextInput name="address" label="Address (optional)" autoComplete="street-address" value={f.address} onChange={set('address')} error={errorFor(errors, 'address')} />
        <TextInput name="postcode" label="Postcode" width={10} autoComplete="postal-code" value={f.postcode} onChange={set('postcode')} error={errorFor(errors, 'postcode')} />
        <TextInput name="website" label="Website (optional)" type="url" spellCheck={false} value={f.website} onChange={set('website')} error={errorFor(errors, 'website')} />
        {org.kind === 'provider' ? (
          <>
            <Select
              name="providerType"
              label="Type of provider"
              value={f.providerType}
              onChange={set('providerType')}
              error={errorFor(errors, 'providerType')}
              options={providerTypes.map((t) => ({ value: t, text: PROVIDER_TYPE_LABELS[t] }))}
            />
            <Checkboxes
              name="offers"
              legend="What do you offer?"
              hint="Schools must give access to providers of technical education or apprenticeships"
              values={f.offers}
              onChange={(offers) => setF((old) => ({ ...old, offers }))}
              error={errorFor(errors, 'offers')}
              choices={offerings.map((o) => ({ value: o, text: OFFERING_LABELS[o] }))}
            />
          </>
        ) : null}
        {org.kind === 'employer' ? <TextInput name="sector" label="Sector" hint="For example, engineering or health and social care" value={f.sector} onChange={set('sector')} error={errorFor(errors, 'sector')} /> : null}
        <PlaceFields postcode={org.postcode} needed={placeNeeded(Boolean(org.location), errors)} value={place} onChange={setPlace} errors={errors} />
        <NotificationFields value={notifications} onChange={setNotifications} errors={errors} />
        <Button disabled={busy}>Save settings</Button>
      </form>
      <h2 className="govuk-heading-m">Connect your own systems</h2>
      <p className="govuk-body">
        <Link className="govuk-link" to={`/organisations/${org.id}/integrations`}>
          API keys and webhooks
        </Link>
      </p>
      <CalendarFeedSection orgId={org.id} />
    </Column>
  );
}
