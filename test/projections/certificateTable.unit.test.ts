/** CertificateTable keeps a certificate's basis (承诺依据) in its column, through a snapshot too, and no basis stays none. */
import { describe, expect, it } from 'vitest';
import type { Certificate } from '../../src/domain/index.js';
import { CertificateTable } from '../../src/projections/lots/certificates.js';

const base: Certificate = {
  product: '菜心',
  quantity: { amount: 12.5, unit: 'kg' },
  origin: '广州市番禺区',
  issuedAt: '2026-11-28',
  issuer: '番禺绿野蔬菜有限公司',
  contact: '020-12345678',
};

describe('CertificateTable', () => {
  it('gives back each certificate as added, basis or none, also after a snapshot', () => {
    const table = new CertificateTable();
    const certificates: Certificate[] = [
      base,
      { ...base, basis: 'quality-control' },
      { ...base, basis: 'self-test' },
      { ...base, basis: 'commissioned-test' },
    ];
    const rows = certificates.map((certificate) => table.add(certificate));
    for (const [index, row] of rows.entries()) expect(table.get(row)).toEqual(certificates[index]);
    expect(table.matches(rows[0]!, base)).toBe(true);
    expect(table.matches(rows[0]!, { ...base, basis: 'self-test' })).toBe(false);
    const restored = new CertificateTable(table.texts);
    restored.importArrays(table.exportArrays());
    for (const [index, row] of rows.entries()) expect(restored.get(row)).toEqual(certificates[index]);
  });
});
