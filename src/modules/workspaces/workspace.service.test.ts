import { describe, expect, it } from 'vitest';
import type { Workspace } from '../../db/schema.js';
import { absoluteUrl, workspacePublicUrl } from './workspace.service.js';

const workspace = (overrides: Partial<Workspace>): Workspace => ({
  id: 'w',
  slug: 'w',
  name: 'W',
  host_names: [],
  is_default: true,
  organisation_id: null,
  created_at: new Date(),
  ...overrides,
});

describe('workspacePublicUrl', () => {
  const config = { publicUrl: new URL('https://cooperation.example.fr/') };

  it('is PUBLIC_URL for the default workspace', () => {
    expect(workspacePublicUrl(config, workspace({})).href).toBe('https://cooperation.example.fr/');
  });

  it('uses the first host name of another workspace, with the scheme of PUBLIC_URL', () => {
    const other = workspace({ is_default: false, host_names: ['taliouine.example.org'] });
    expect(absoluteUrl(workspacePublicUrl(config, other), '/a/b')).toBe('https://taliouine.example.org/a/b');
  });
});
