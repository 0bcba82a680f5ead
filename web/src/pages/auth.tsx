import { useState, type FormEvent } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { confirmSignUp, resendCode, safeReturnTo, signIn, signUp, AuthError } from '../auth';
import type { FieldError } from '../api';
import { Button, ErrorSummary, TextInput, errorFor } from '../components/forms';
import { Column, Page } from '../components/Page';
import { NotificationBanner } from '../components/ui';

function authErrors(error: unknown, field: string): FieldError[] {
  if (error instanceof AuthError) return [{ field, message: error.message }];
  return [{ message: (error as Error).message }];
}

export function SignInPage() {
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const returnTo = safeReturnTo(params.get('returnTo'));
  const [email, setEmail] = useState(params.get('email') ?? '');
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const found: FieldError[] = [];
    if (!email.trim()) found.push({ field: 'email', message: 'Enter your email address' });
    if (!password) found.push({ field: 'password', message: 'Enter your password' });
    setErrors(found);
    if (found.length) return;
    setBusy(true);
    try {
      await signIn(email, password);
      navigate(returnTo, { replace: true });
    } catch (error) {
      setErrors(authErrors(error, 'email'));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Page title="Sign in to Schoolgate">
      <Column>
        {params.get('expired') ? (
          <NotificationBanner heading="Your session has ended">
            <p className="govuk-body">Sign in again and we will take you back to the page you were on.</p>
          </NotificationBanner>
        ) : null}
        {params.get('confirmed') ? (
          <NotificationBanner success title="Success" heading="Your email address is confirmed">
            <p className="govuk-body">Sign in with your new account.</p>
          </NotificationBanner>
        ) : null}
        <ErrorSummary errors={errors} />
        <form onSubmit={submit} noValidate>
          <TextInput name="email" label="Email address" type="email" autoComplete="email" spellCheck={false} value={email} onChange={setEmail} error={errorFor(errors, 'email')} />
          <TextInput name="password" label="Password" type="password" autoComplete="current-password" value={password} onChange={setPassword} error={errorFor(errors, 'password')} />
          <Button disabled={busy}>{busy ? 'Signing in…' : 'Sign in'}</Button>
        </form>
        <p className="govuk-body">
          New to Schoolgate? <Link className="govuk-link" to={`/sign-up?returnTo=${encodeURIComponent(returnTo)}`}>Create an account</Link>
        </p>
      </Column>
    </Page>
  );
}

export function SignUpPage() {
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const [step, setStep] = useState<'details' | 'confirm'>('details');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [code, setCode] = useState('');
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [busy, setBusy] = useState(false);
  const [resent, setResent] = useState(false);

  async function submitDetails(event: FormEvent) {
    event.preventDefault();
    const found: FieldError[] = [];
    if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email.trim())) found.push({ field: 'email', message: 'Enter an email address in the correct format, like name@example.org' });
    if (password.length < 8) found.push({ field: 'password', message: 'Your password must be at least 8 characters' });
    setErrors(found);
    if (found.length) return;
    setBusy(true);
    try {
      await signUp(email, password);
      setStep('confirm');
    } catch (error) {
      setErrors(authErrors(error, error instanceof AuthError && error.code === 'InvalidPasswordException' ? 'password' : 'email'));
    } finally {
      setBusy(false);
    }
  }

  async function submitCode(event: FormEvent) {
    event.preventDefault();
    if (!code.trim()) return setErrors([{ field: 'code', message: 'Enter the confirmation code from the email' }]);
    setBusy(true);
    try {
      await confirmSignUp(email, code);
      await signIn(email, password);
      navigate(safeReturnTo(params.get('returnTo')), { replace: true });
    } catch (error) {
      setErrors(authErrors(error, 'code'));
    } finally {
      setBusy(false);
    }
  }

  if (step === 'confirm') {
    return (
      <Page title="Check your email">
        <Column>
          <ErrorSummary errors={errors} />
          <p className="govuk-body">We have sent a confirmation code to {email}. It may take a few minutes to arrive.</p>
          {resent ? <p className="govuk-body" role="status">We have sent a new code.</p> : null}
          <form onSubmit={submitCode} noValidate>
            <TextInput name="code" label="Confirmation code" width={10} inputMode="numeric" autoComplete="one-time-code" value={code} onChange={setCode} error={errorFor(errors, 'code')} />
            <Button disabled={busy}>Confirm and continue</Button>
          </form>
          <p className="govuk-body">
            <button
              type="button"
              className="govuk-link sg-link-button"
              onClick={() => resendCode(email).then(() => setResent(true), (error) => setErrors(authErrors(error, 'code')))}
            >
              Send a new code
            </button>
          </p>
        </Column>
      </Page>
    );
  }

  return (
    <Page title="Create an account">
      <Column>
        <ErrorSummary errors={errors} />
        <p className="govuk-body">Use your work email address. After you confirm it you can set up your school or organisation, or join one you have been invited to.</p>
        <form onSubmit={submitDetails} noValidate>
          <TextInput name="email" label="Email address" type="email" autoComplete="email" spellCheck={false} value={email} onChange={setEmail} error={errorFor(errors, 'email')} />
          <TextInput
            name="password"
            label="Create a password"
            hint="At least 8 characters, with upper and lower case letters, a number and a symbol"
            type="password"
            autoComplete="new-password"
            value={password}
            onChange={setPassword}
            error={errorFor(errors, 'password')}
          />
          <Button disabled={busy}>Create account</Button>
        </form>
        <p className="govuk-body">
          Already have an account? <Link className="govuk-link" to="/sign-in">Sign in</Link>
        </p>
      </Column>
    </Page>
  );
}

export function SignedOutPage() {
  return (
    <Page title="You have signed out">
      <p className="govuk-body">
        <Link className="govuk-link" to="/sign-in">Sign in again</Link>
      </p>
    </Page>
  );
}
