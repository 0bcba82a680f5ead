import { describe, expect, it } from 'vitest';
import { synthStage } from './helpers.js';

/*
 * Every function the project writes (infra/src/function.ts `AppFunction`: the API and the
 * notifier's stream consumer, daily dispatcher and sweep worker) runs with X-Ray active tracing.
 * CDK's own custom-resource handlers (bucket deployment, auto-delete) are left as CDK builds them.
 */
describe('X-Ray active tracing', () => {
  const { template } = synthStage('prod');
  const functions = Object.entries(template.findResources('AWS::Lambda::Function') as Record<string, { Properties: Record<string, any> }>);
  const ours = functions.filter(([, f]) => f.Properties.Environment?.Variables?.POWERTOOLS_SERVICE_NAME);

  it('is on for every function of ours', () => {
    expect(ours.map(([id]) => id.replace(/Function[0-9A-F]{8}$/, '')).sort()).toEqual(['ApiHandler', 'NotificationsReminders', 'NotificationsStreamConsumer', 'NotificationsSweepWorker']);
    for (const [id, f] of ours) expect(f.Properties.TracingConfig, id).toEqual({ Mode: 'Active' });
  });

  it('sends no X-Ray permission to a function that does not trace', () => {
    const tracedRoles = new Set(ours.map(([, f]) => JSON.stringify(f.Properties.Role)));
    const policies = Object.values(template.findResources('AWS::IAM::Policy') as Record<string, { Properties: Record<string, any> }>);
    for (const p of policies) {
      if (!JSON.stringify(p.Properties.PolicyDocument).includes('xray:')) continue;
      for (const role of p.Properties.Roles as Array<{ Ref: string }>) expect([...tracedRoles].some((r) => r.includes(role.Ref))).toBe(true);
    }
  });
});
