import { useEffect, useRef, useState, type FormEvent, type ReactNode, type RefObject } from 'react';
import { Link, useParams } from 'react-router';
import { api, ApiError, type FieldError, type HostSafetyPack, type SafetyPackInput, type SafetyPackReview } from '../api';
import { Button, DateInput, ErrorSummary, TextInput, Textarea, errorFor } from '../components/forms';
import { Column, Page } from '../components/Page';
import { Empty, Loaded, useLoad } from '../components/states';
import { useAction } from '../components/use-action';
import { BackLink, Inset, NotificationBanner, SummaryList, Table, Tag, WarningText, type TagColour } from '../components/ui';
import { formatDate, formatInstant, fromDateParts, toDateParts, type DateParts } from '../format';
import { useMe } from '../session';
import { weApi } from '../work-experience-api';
import { DaysAfterExpiryList } from '../components/placements-shared';

/** Work experience: the employer's safety pack (entered once) and a school's review of it. */

const ALLOWED_TYPES = ['application/pdf', 'image/png', 'image/jpeg'];
const MAX_BYTES = 10 * 1024 * 1024;
const CHECKS = [
  { kind: 'insurance', title: 'Employers’ liability insurance' },
  { kind: 'healthAndSafety', title: 'Health and safety policy' },
  { kind: 'riskAssessment', title: 'Risk assessment' },
  { kind: 'safeguarding', title: 'Safeguarding arrangements' },
] as const;
type CheckKind = (typeof CHECKS)[number]['kind'];

const STANDING: Record<string, { text: string; colour: TagColour }> = {
  signedOff: { text: 'Signed off', colour: 'green' },
  partly: { text: 'Partly signed off', colour: 'yellow' },
  none: { text: 'Not reviewed', colour: 'grey' },
  packChanged: { text: 'Pack changed: review again', colour: 'orange' },
};
const StandingTag = ({ standing }: { standing: string }) => <Tag colour={STANDING[standing]?.colour ?? 'grey'}>{STANDING[standing]?.text ?? standing}</Tag>;

const yearLabel = (id: string) => id.replace('-', '/');

/** Sends the browser to a presigned download URL the API signs for this caller. */
async function download(get: () => Promise<{ url: string }>) {
  const { url } = await get();
  window.location.assign(url);
}

/** A GOV.UK file upload; uncontrolled, so the form reads the chosen file from `inputRef` when it is sent. */
function FileInput({ name, label, hint, error, inputRef }: { name: string; label: string; hint: string; error?: string; inputRef: RefObject<HTMLInputElement | null> }) {
  const describedBy = [`${name}-hint`, error ? `${name}-error` : ''].filter(Boolean).join(' ');
  return (
    <div className={`govuk-form-group${error ? ' govuk-form-group--error' : ''}`}>
      <label className="govuk-label govuk-label--s" htmlFor={name}>
        {label}
      </label>
      <div className="govuk-hint" id={`${name}-hint`}>
        {hint}
      </div>
      {error ? (
        <p className="govuk-error-message" id={`${name}-error`}>
          <span className="govuk-visually-hidden">Error:</span> {error}
        </p>
      ) : null}
      <input
        className={`govuk-file-upload${error ? ' govuk-file-upload--error' : ''}`}
        id={name}
        name={name}
        type="file"
        accept=".pdf,.png,.jpg,.jpeg,application/pdf,image/png,image/jpeg"
        aria-describedby={describedBy}
        ref={inputRef}
      />
    </div>
  );
}

interface PackForm {
  insurer: string;
  policyNumber: string;
  expiresOn: DateParts;
  contactName: string;
  contactEmail: string;
  contactPhone: string;
  supervisorSelection: string;
}

const formOf = (pack: HostSafetyPack): PackForm => ({
  insurer: pack.insurance?.insurer ?? '',
  policyNumber: pack.insurance?.policyNumber ?? '',
  expiresOn: toDateParts(pack.insurance?.expiresOn),
  contactName: pack.safeguarding?.contactName ?? '',
  contactEmail: pack.safeguarding?.contactEmail ?? '',
  contactPhone: pack.safeguarding?.contactPhone ?? '',
  supervisorSelection: pack.safeguarding?.supervisorSelection ?? '',
});

type FileField = 'insurance.certificate' | 'healthAndSafety.policy' | 'riskAssessments.0.file';
const FILE_FIELDS: FileField[] = ['insurance.certificate', 'healthAndSafety.policy', 'riskAssessments.0.file'];

function fileProblem(file: File): string | undefined {
  if (!ALLOWED_TYPES.includes(file.type)) return 'The selected file must be a PDF, PNG or JPEG';
  if (file.size > MAX_BYTES) return 'The selected file must be smaller than 10 MB';
  if (file.size === 0) return 'The selected file is empty';
  return undefined;
}

function Guidance({ pack }: { pack: HostSafetyPack | SafetyPackReview['pack'] }) {
  return (
    <Inset>
      <p className="govuk-body">{pack.guidance.healthAndSafety}</p>
      <p className="govuk-body">{pack.guidance.schoolChecks}</p>
      <p className="govuk-body">{pack.guidance.dbs}</p>
      <p className="govuk-body govuk-!-margin-bottom-0">{pack.guidance.send}</p>
    </Inset>
  );
}

/** The employer's (or hosting provider's) safety pack: entered once, seen by every school. */
export function SafetyPackPage() {
  const { orgId = '' } = useParams();
  const me = useMe();
  const membership = me.memberships.find((m) => m.orgId === orgId);
  const load = useLoad(() => api.safetyPack(orgId), [orgId]);
  const afterExpiry = useLoad(() => weApi.hostAfterExpiry(orgId), [orgId]);
  return (
    <Page title="Safety pack" caption={membership?.orgName} before={<BackLink to={`/organisations/${orgId}`}>Back to your organisation</BackLink>}>
      {afterExpiry.state === 'ok' ? <DaysAfterExpiryList list={afterExpiry.data} side="host" /> : null}
      <Loaded load={load} what="Loading your safety pack">
        {({ body, etag }) => <SafetyPackEditor orgId={orgId} pack={body} etag={etag} canEdit={membership?.role === 'admin'} onSaved={load.reload} />}
      </Loaded>
    </Page>
  );
}

function SafetyPackEditor({ orgId, pack, etag, canEdit, onSaved }: { orgId: string; pack: HostSafetyPack; etag?: string; canEdit: boolean; onSaved: () => void }) {
  const [form, setForm] = useState<PackForm>(() => formOf(pack));
  const inputs: Record<FileField, RefObject<HTMLInputElement | null>> = {
    'insurance.certificate': useRef<HTMLInputElement>(null),
    'healthAndSafety.policy': useRef<HTMLInputElement>(null),
    'riskAssessments.0.file': useRef<HTMLInputElement>(null),
  };
  const [saved, setSaved] = useState(false);
  const { errors, setErrors, busy, attempt } = useAction();
  useEffect(() => setForm(formOf(pack)), [pack]);
  const set = (patch: Partial<PackForm>) => setForm((f) => ({ ...f, ...patch }));

  async function submit(event: FormEvent) {
    event.preventDefault();
    setSaved(false);
    const problems: FieldError[] = [];
    const files: Partial<Record<FileField, File>> = {};
    for (const field of FILE_FIELDS) {
      const file = inputs[field].current?.files?.[0];
      if (file) files[field] = file;
    }
    const expiresOn = fromDateParts(form.expiresOn);
    const anyInsurance = form.insurer.trim() || form.policyNumber.trim() || expiresOn || files['insurance.certificate'] || pack.insurance;
    if (anyInsurance) {
      if (!form.insurer.trim()) problems.push({ field: 'insurance.insurer', message: 'Enter the name of your insurer' });
      if (!form.policyNumber.trim()) problems.push({ field: 'insurance.policyNumber', message: 'Enter the policy number' });
      if (expiresOn === null || expiresOn === '') problems.push({ field: 'insurance.expiresOn', message: 'Enter the date the insurance expires, like 31 7 2027' });
    }
    const anySafeguarding = form.contactName.trim() || form.supervisorSelection.trim() || pack.safeguarding;
    if (anySafeguarding) {
      if (!form.contactName.trim()) problems.push({ field: 'safeguarding.contactName', message: 'Enter the name of your safeguarding contact' });
      if (!form.supervisorSelection.trim()) problems.push({ field: 'safeguarding.supervisorSelection', message: 'Say how you choose the adults who supervise pupils' });
    }
    for (const field of FILE_FIELDS) {
      const file = files[field];
      const problem = file && fileProblem(file);
      if (problem) problems.push({ field, message: problem });
    }
    if (problems.length) {
      setErrors(problems);
      return;
    }
    const ok = await attempt(async () => {
      // Each new file goes straight to storage through a presigned URL; the pack then names it.
      const uploaded: Partial<Record<FileField, { fileId: string; fileName: string }>> = {};
      for (const field of FILE_FIELDS) {
        const file = files[field];
        if (!file) continue;
        const ticket = await api.requestUpload(orgId, { fileName: file.name, contentType: file.type, size: file.size });
        const put = await fetch(ticket.url, { method: 'PUT', headers: ticket.headers, body: file });
        if (!put.ok) throw new ApiError(put.status, { type: 'about:blank', title: 'Upload failed', status: put.status, errors: [{ field, message: `We could not upload ${file.name}. Try again.` }] });
        uploaded[field] = { fileId: ticket.fileId, fileName: file.name };
      }
      const keep = (stored?: { fileId: string; fileName: string }) => (stored ? { fileId: stored.fileId, fileName: stored.fileName } : undefined);
      const certificate = uploaded['insurance.certificate'] ?? keep(pack.insurance?.certificate);
      const policy = uploaded['healthAndSafety.policy'] ?? keep(pack.healthAndSafety?.policy);
      const general = pack.riskAssessments.find((r) => !r.placementId);
      const risk = uploaded['riskAssessments.0.file'] ?? keep(general?.file);
      const body: SafetyPackInput = {
        ...(anyInsurance
          ? { insurance: { insurer: form.insurer.trim(), policyNumber: form.policyNumber.trim(), expiresOn: expiresOn as string, ...(certificate ? { certificate } : {}) } }
          : {}),
        ...(policy ? { healthAndSafety: { policy } } : {}),
        riskAssessments: [...(risk ? [{ file: risk }] : []), ...pack.riskAssessments.filter((r) => r.placementId).map((r) => ({ placementId: r.placementId!, file: keep(r.file)! }))],
        ...(anySafeguarding
          ? {
              safeguarding: {
                contactName: form.contactName.trim(),
                ...(form.contactEmail.trim() ? { contactEmail: form.contactEmail.trim() } : {}),
                ...(form.contactPhone.trim() ? { contactPhone: form.contactPhone.trim() } : {}),
                supervisorSelection: form.supervisorSelection.trim(),
              },
            }
          : {}),
      };
      await api.saveSafetyPack(orgId, body, etag);
    });
    if (ok) {
      for (const field of FILE_FIELDS) if (inputs[field].current) inputs[field].current.value = '';
      setSaved(true);
      onSaved();
    }
  }

  const currentFile = (file: { fileId: string; fileName: string; uploadedAt: string } | undefined) =>
    file ? (
      <p className="govuk-body">
        Current file:{' '}
        <button type="button" className="govuk-link sg-link-button" onClick={() => void download(() => api.ownSafetyFile(orgId, file.fileId))}>
          {file.fileName}
        </button>{' '}
        (uploaded {formatInstant(file.uploadedAt)})
      </p>
    ) : null;

  return (
    <Column>
      {saved ? (
        <NotificationBanner success heading="Safety pack saved">
          <p className="govuk-body">Schools that place pupils with you can now see this version{pack.signOffs.length ? ' and will review what changed' : ''}.</p>
        </NotificationBanner>
      ) : null}
      <p className="govuk-body">Enter this once. Every school that places pupils with you sees the same pack and signs it off for the academic year.</p>
      <Guidance pack={pack} />
      <h2 className="govuk-heading-m">Schools’ sign-off</h2>
      {pack.signOffs.length ? (
        <Table
          caption="Schools that have reviewed your pack"
          captionSize="s"
          head={['School', 'Academic year', 'Status']}
          rows={pack.signOffs.map((s) => [s.schoolName, yearLabel(s.academicYear), <StandingTag key="s" standing={s.standing} />])}
        />
      ) : (
        <p className="govuk-body">No school has reviewed your pack yet.</p>
      )}
      {!canEdit ? (
        <WarningText>Only an administrator of your organisation can change the safety pack.</WarningText>
      ) : (
        <form noValidate onSubmit={submit}>
          <ErrorSummary errors={errors} />
          <h2 className="govuk-heading-m">Employers’ liability insurance</h2>
          <TextInput name="insurance.insurer" label="Insurer" value={form.insurer} onChange={(v) => set({ insurer: v })} error={errorFor(errors, 'insurance.insurer')} />
          <TextInput name="insurance.policyNumber" label="Policy number" width={20} value={form.policyNumber} onChange={(v) => set({ policyNumber: v })} error={errorFor(errors, 'insurance.policyNumber')} />
          <DateInput name="insurance.expiresOn" legend="Expiry date" legendClass="govuk-fieldset__legend--s" value={form.expiresOn} onChange={(v) => set({ expiresOn: v })} error={errorFor(errors, 'insurance.expiresOn')} />
          {currentFile(pack.insurance?.certificate)}
          <FileInput
            name="insurance.certificate"
            label={pack.insurance?.certificate ? 'Upload a new certificate (optional)' : 'Insurance certificate'}
            hint="A PDF, PNG or JPEG, up to 10 MB"
            error={errorFor(errors, 'insurance.certificate')}
            inputRef={inputs['insurance.certificate']}
          />
          <h2 className="govuk-heading-m">Health and safety policy</h2>
          {currentFile(pack.healthAndSafety?.policy)}
          <FileInput
            name="healthAndSafety.policy"
            label={pack.healthAndSafety?.policy ? 'Upload a new policy (optional)' : 'Health and safety policy'}
            hint="A PDF, PNG or JPEG, up to 10 MB"
            error={errorFor(errors, 'healthAndSafety.policy')}
            inputRef={inputs['healthAndSafety.policy']}
          />
          <h2 className="govuk-heading-m">Risk assessment</h2>
          {currentFile(pack.riskAssessments.find((r) => !r.placementId)?.file)}
          <FileInput
            name="riskAssessments.0.file"
            label="General risk assessment"
            hint="Covering pupils on work experience with you; a PDF, PNG or JPEG, up to 10 MB"
            error={errorFor(errors, 'riskAssessments.0.file')}
            inputRef={inputs['riskAssessments.0.file']}
          />
          <h2 className="govuk-heading-m">Safeguarding arrangements</h2>
          <TextInput name="safeguarding.contactName" label="Named safeguarding contact" value={form.contactName} onChange={(v) => set({ contactName: v })} error={errorFor(errors, 'safeguarding.contactName')} />
          <TextInput name="safeguarding.contactEmail" label="Their email address (optional)" type="email" autoComplete="email" spellCheck={false} value={form.contactEmail} onChange={(v) => set({ contactEmail: v })} error={errorFor(errors, 'safeguarding.contactEmail')} />
          <TextInput name="safeguarding.contactPhone" label="Their phone number (optional)" type="tel" autoComplete="tel" width={20} value={form.contactPhone} onChange={(v) => set({ contactPhone: v })} error={errorFor(errors, 'safeguarding.contactPhone')} />
          <Textarea
            name="safeguarding.supervisorSelection"
            label="How you choose the adults who supervise pupils"
            hint="For example, their role and experience, and any training. The school decides whether they need a DBS check."
            value={form.supervisorSelection}
            onChange={(v) => set({ supervisorSelection: v })}
            error={errorFor(errors, 'safeguarding.supervisorSelection')}
          />
          <Button disabled={busy}>Save safety pack</Button>
        </form>
      )}
    </Column>
  );
}

/** A school's list of hosts with a safety pack, and where its own sign-off stands. */
export function SchoolSafetyPacksPage() {
  const { schoolId = '' } = useParams();
  const load = useLoad(() => api.safetyPacks(schoolId), [schoolId]);
  return (
    <Page title="Employers’ safety packs" before={<BackLink to={`/schools/${schoolId}`}>Back to your school</BackLink>}>
      <Column>
        <Loaded load={load} what="Loading safety packs">
          {(list) =>
            list.items.length ? (
              <Table
                caption={`Sign-off for ${yearLabel(list.academicYear)}`}
                head={['Host', 'Insurance expires', 'Status']}
                rows={list.items.map((item) => [
                  <Link key="l" className="govuk-link" to={`/schools/${schoolId}/safety-packs/${item.hostOrgId}`}>
                    {item.hostName}
                  </Link>,
                  item.insuranceExpiresOn ? formatDate(item.insuranceExpiresOn) : 'Not given',
                  <StandingTag key="s" standing={item.standing} />,
                ])}
              />
            ) : (
              <Empty>No employer has entered a safety pack yet.</Empty>
            )
          }
        </Loaded>
      </Column>
    </Page>
  );
}

/** A placement coordinator reviews a host's pack and signs off each check for the academic year. */
export function ReviewSafetyPackPage() {
  const { schoolId = '', hostId = '' } = useParams();
  const me = useMe();
  const membership = me.memberships.find((m) => m.orgId === schoolId);
  const canSign = membership?.role === 'careers_leader' || membership?.role === 'placement_coordinator';
  const [review, setReview] = useState<SafetyPackReview | undefined>();
  const load = useLoad(() => api.reviewSafetyPack(schoolId, hostId), [schoolId, hostId]);
  const { errors, busy, attempt } = useAction();
  // The loaded review, then each sign-off's answer (the load object itself is new on every render).
  const loaded = load.state === 'ok' ? load.data : undefined;
  useEffect(() => {
    if (loaded) setReview(loaded);
  }, [loaded]);

  async function signOff(current: SafetyPackReview, check: CheckKind) {
    await attempt(async () => setReview(await api.signOffSafetyCheck(schoolId, hostId, { academicYear: current.academicYear, check, packVersion: current.pack.packVersion })));
  }

  return (
    <Page title={review ? `Safety pack: ${review.pack.hostName}` : 'Safety pack'} before={<BackLink to={`/schools/${schoolId}/safety-packs`}>All safety packs</BackLink>}>
      <Loaded load={load} what="Loading the safety pack">
        {() => (review ? <ReviewBody schoolId={schoolId} hostId={hostId} review={review} canSign={canSign} busy={busy} errors={errors} onSign={(check) => void signOff(review, check)} /> : null)}
      </Loaded>
    </Page>
  );
}

function ReviewBody({
  schoolId,
  hostId,
  review,
  canSign,
  busy,
  errors,
  onSign,
}: {
  schoolId: string;
  hostId: string;
  review: SafetyPackReview;
  canSign: boolean;
  busy: boolean;
  errors: FieldError[];
  onSign: (check: CheckKind) => void;
}) {
  const { pack } = review;
  const fileLink = (file?: { fileId: string; fileName: string; fileVersion: string }) =>
    file ? (
      <button type="button" className="govuk-link sg-link-button" onClick={() => void download(() => api.safetyFile(schoolId, hostId, file.fileId))}>
        {file.fileName}
      </button>
    ) : (
      'Not provided'
    );
  const details: Record<CheckKind, { key: string; value: ReactNode }[]> = {
    insurance: pack.insurance
      ? [
          { key: 'Insurer', value: pack.insurance.insurer },
          { key: 'Policy number', value: pack.insurance.policyNumber },
          { key: 'Expires', value: formatDate(pack.insurance.expiresOn) },
          { key: 'Certificate', value: fileLink(pack.insurance.certificate) },
        ]
      : [],
    healthAndSafety: pack.healthAndSafety?.policy ? [{ key: 'Policy', value: fileLink(pack.healthAndSafety.policy) }] : [],
    riskAssessment: pack.riskAssessments.map((r) => ({ key: r.placementId ? `For placement ${r.placementId}` : 'General', value: fileLink(r.file) })),
    safeguarding: pack.safeguarding
      ? [
          { key: 'Named contact', value: [pack.safeguarding.contactName, pack.safeguarding.contactEmail, pack.safeguarding.contactPhone].filter(Boolean).join(', ') },
          { key: 'How supervising adults are chosen', value: pack.safeguarding.supervisorSelection },
        ]
      : [],
  };
  return (
    <Column>
      <ErrorSummary errors={errors} />
      {review.standing === 'packChanged' ? (
        <NotificationBanner heading="The pack changed since you signed it off">
          <p className="govuk-body">{pack.hostName} changed its safety pack after your sign-off. Review it again: placements with them cannot be confirmed until every check is signed off again.</p>
        </NotificationBanner>
      ) : null}
      <p className="govuk-body">
        Academic year {yearLabel(review.academicYear)}: <StandingTag standing={review.standing} />
      </p>
      <p className="govuk-body">Your sign-off covers all of {pack.hostName}’s placements this academic year. If they change the pack, you will be asked to review it again.</p>
      <Guidance pack={pack} />
      {pack.packVersion === 0 ? <p className="govuk-body">{pack.hostName} has not entered a safety pack yet.</p> : null}
      {CHECKS.map(({ kind, title }) => {
        const signed = review.checks.find((c) => c.check === kind);
        const current = signed?.current;
        return (
          <section key={kind} aria-labelledby={`check-${kind}`}>
            <h2 className="govuk-heading-m" id={`check-${kind}`}>
              {title}
            </h2>
            {details[kind].length ? <SummaryList rows={details[kind]} /> : <p className="govuk-body">{pack.hostName} has not provided this yet.</p>}
            {signed ? (
              <p className="govuk-body">
                <Tag colour={current ? 'green' : 'orange'}>{current ? 'Signed off' : 'Review again'}</Tag> Signed off by {signed.signedBy} on {formatInstant(signed.signedAt)}
                {current ? '' : ' (for an earlier version of the pack)'}.
              </p>
            ) : null}
            {canSign && pack.complete[kind] && !current ? (
              <Button type="button" secondary disabled={busy} onClick={() => onSign(kind)}>
                Sign off {title.charAt(0).toLowerCase() + title.slice(1)}
              </Button>
            ) : null}
          </section>
        );
      })}
      {!canSign ? <p className="govuk-body">Your careers leader or placement coordinator signs off safety packs.</p> : null}
    </Column>
  );
}
