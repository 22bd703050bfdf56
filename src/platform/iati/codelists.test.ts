import { describe, expect, it } from 'vitest';
import { isActiveCode, readCodelist } from './codelists.js';

describe('IATI codelists', () => {
  it('reads codes and names, French where IATI gives one', () => {
    const types = readCodelist('OrganisationType');
    expect(types.find((item) => item.code === '11')?.name).toBe('Local Government');
    expect(types.find((item) => item.code === '10')?.nameFr).toBe('Gouvernement');
    expect(isActiveCode('OrganisationType', '11')).toBe(true);
    expect(isActiveCode('OrganisationType', '12')).toBe(false);
  });

  it('knows the registration agencies that prefix an organisation identifier', () => {
    expect(isActiveCode('OrganisationRegistrationAgency', 'FR-RCS')).toBe(true);
    expect(isActiveCode('OrganisationRegistrationAgency', 'XM-DAC')).toBe(true);
  });
});
