import { describe, expect, it } from 'vitest';
import { isSharedByStages, metadataKeys, sharedByStagesTag, stackProfile, stageOf } from '../../src/deploy/app-metadata.js';
import { stack, synthesize } from '../support/assembly.js';

describe('what the toolkit reads from an app besides its stacks', () => {
  it(`reads the stage from ${metadataKeys.stage} on the stacks: listed unless it says otherwise, with its profile`, () => {
    const assembly = synthesize((app) => {
      for (const name of ['app-items', 'app-site']) stack(app, name).node.addMetadata(metadataKeys.stage, { name: 'dev', profile: 'dev-admin' });
    });
    expect(stageOf(assembly)).toEqual({ name: 'dev', listed: true, profile: 'dev-admin' });
    const unlisted = synthesize((app) => stack(app, 'app-pr-42-items').node.addMetadata(metadataKeys.stage, { name: 'pr-42', listed: false }));
    expect(stageOf(unlisted)).toEqual({ name: 'pr-42', listed: false });
  });

  it('names no stage for an app that says nothing about stages', () => {
    expect(stageOf(synthesize((app) => stack(app, 'plain')))).toBeUndefined();
  });

  it('refuses metadata it cannot read, naming the stack and the key', () => {
    const wrong = synthesize((app) => stack(app, 'app-items').node.addMetadata(metadataKeys.stage, 'dev'));
    expect(() => stageOf(wrong)).toThrow(/^app-items: serverless-pattern:stage must be \{ name: string, listed\?: boolean, profile\?: string \}, not "dev"$/);
    const two = synthesize((app) => {
      stack(app, 'a').node.addMetadata(metadataKeys.stage, { name: 'dev' });
      stack(app, 'b').node.addMetadata(metadataKeys.stage, { name: 'prod' });
    });
    expect(() => stageOf(two)).toThrow(/^The app's stacks name two stages \(serverless-pattern:stage\): a dev, b prod$/);
    const profile = synthesize((app) => stack(app, 'app-orders').node.addMetadata(metadataKeys.profile, { name: 'orders' }));
    expect(() => stackProfile(profile.getStackArtifact('app-orders'))).toThrow(/^app-orders: serverless-pattern:profile must be a profile name, not \{"name":"orders"\}$/);
  });

  it(`reads a stack's own profile from ${metadataKeys.profile}, and a stack every stage shares from its ${sharedByStagesTag} tag`, () => {
    const assembly = synthesize((app) => {
      stack(app, 'app-orders').node.addMetadata(metadataKeys.profile, 'orders');
      stack(app, 'app-api-gateway', { tags: { [sharedByStagesTag]: 'true' } });
    });
    expect(stackProfile(assembly.getStackArtifact('app-orders'))).toBe('orders');
    expect(stackProfile(assembly.getStackArtifact('app-api-gateway'))).toBeUndefined();
    expect(assembly.stacksRecursively.filter(isSharedByStages).map((s) => s.stackName)).toEqual(['app-api-gateway']);
  });
});
