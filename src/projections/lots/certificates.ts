/**
 * CertificateTable stores certificates of compliance (承诺达标合格证) in
 * columns: the texts are pooled (a farm's certificates share product,
 * origin, issuer and contact), so a certificate costs about 29 bytes. A
 * shipped child carries its parent's certificate and reuses its row.
 */
import { CERTIFICATE_BASES, UNITS, type Certificate, type Unit } from '../../domain/index.js';
import { stringPool, type Interner } from '../store/interner.js';
import { grown, nextCapacity, restoredCapacity, withCapacity } from '../store/typed.js';

const RECENT = 4096;
/** A row's basis: 0 for none (certificates recorded before the field), else 1 + its index in CERTIFICATE_BASES. */
const NO_BASIS = 0;
const basisIndex = (certificate: Certificate): number =>
  certificate.basis === undefined ? NO_BASIS : CERTIFICATE_BASES.indexOf(certificate.basis) + 1;

export class CertificateTable {
  private product: Int32Array = new Int32Array(256);
  private origin: Int32Array = new Int32Array(256);
  private issuedAt: Int32Array = new Int32Array(256);
  private issuer: Int32Array = new Int32Array(256);
  private contact: Int32Array = new Int32Array(256);
  private amount: Float64Array = new Float64Array(256);
  private unit: Uint8Array = new Uint8Array(256);
  private basis: Uint8Array = new Uint8Array(256);
  private rows = 0;
  /** Recently rebuilt certificates, by row: a parent and its children share one, and reuse keeps identity. */
  private readonly recent: (Certificate | undefined)[] = new Array<Certificate | undefined>(RECENT).fill(undefined);
  private readonly recentRows = new Int32Array(RECENT).fill(-1);

  constructor(readonly texts: Interner<string> = stringPool()) {}

  get size(): number {
    return this.rows;
  }

  /** add stores a certificate and returns its row. */
  add(certificate: Certificate): number {
    const row = this.rows;
    if (row === this.product.length) this.grow(nextCapacity(row, row + 1));
    this.product[row] = this.texts.intern(certificate.product);
    this.origin[row] = this.texts.intern(certificate.origin);
    this.issuedAt[row] = this.texts.intern(certificate.issuedAt);
    this.issuer[row] = this.texts.intern(certificate.issuer);
    this.contact[row] = this.texts.intern(certificate.contact);
    this.amount[row] = certificate.quantity.amount;
    this.unit[row] = UNITS.indexOf(certificate.quantity.unit);
    this.basis[row] = basisIndex(certificate);
    this.rows = row + 1;
    return row;
  }

  /** get rebuilds the certificate of a row, with its fields in the order the schema lists them. Treat as immutable. */
  get(row: number): Certificate {
    const slot = row & (RECENT - 1);
    if (this.recentRows[slot] === row) return this.recent[slot]!;
    const certificate = this.build(row);
    this.recentRows[slot] = row;
    this.recent[slot] = certificate;
    return certificate;
  }

  private build(row: number): Certificate {
    const texts = this.texts;
    const basis = this.basis[row]!;
    return {
      product: texts.value(this.product[row]!),
      quantity: { amount: this.amount[row]!, unit: UNITS[this.unit[row]!] as Unit },
      origin: texts.value(this.origin[row]!),
      issuedAt: texts.value(this.issuedAt[row]!),
      issuer: texts.value(this.issuer[row]!),
      contact: texts.value(this.contact[row]!),
      ...(basis === NO_BASIS ? {} : { basis: CERTIFICATE_BASES[basis - 1]! }),
    };
  }

  /** matches reports whether a row holds exactly `certificate`. */
  matches(row: number, certificate: Certificate): boolean {
    const texts = this.texts;
    return (
      this.amount[row] === certificate.quantity.amount &&
      UNITS[this.unit[row]!] === certificate.quantity.unit &&
      this.basis[row] === basisIndex(certificate) &&
      texts.value(this.product[row]!) === certificate.product &&
      texts.value(this.origin[row]!) === certificate.origin &&
      texts.value(this.issuedAt[row]!) === certificate.issuedAt &&
      texts.value(this.issuer[row]!) === certificate.issuer &&
      texts.value(this.contact[row]!) === certificate.contact
    );
  }

  get bytes(): number {
    return this.product.byteLength * 5 + this.amount.byteLength + this.unit.byteLength + this.basis.byteLength;
  }

  exportArrays() {
    const n = this.rows;
    return {
      product: this.product.subarray(0, n),
      origin: this.origin.subarray(0, n),
      issuedAt: this.issuedAt.subarray(0, n),
      issuer: this.issuer.subarray(0, n),
      contact: this.contact.subarray(0, n),
      amount: this.amount.subarray(0, n),
      unit: this.unit.subarray(0, n),
      basis: this.basis.subarray(0, n),
    };
  }

  importArrays(arrays: ReturnType<CertificateTable['exportArrays']>): void {
    const n = arrays.product.length;
    const capacity = restoredCapacity(n);
    this.product = withCapacity(arrays.product, n, capacity);
    this.origin = withCapacity(arrays.origin, n, capacity);
    this.issuedAt = withCapacity(arrays.issuedAt, n, capacity);
    this.issuer = withCapacity(arrays.issuer, n, capacity);
    this.contact = withCapacity(arrays.contact, n, capacity);
    this.amount = withCapacity(arrays.amount, n, capacity);
    this.unit = withCapacity(arrays.unit, n, capacity);
    this.basis = withCapacity(arrays.basis, n, capacity);
    this.rows = n;
    this.recentRows.fill(-1);
  }

  private grow(capacity: number): void {
    this.product = grown(this.product, capacity);
    this.origin = grown(this.origin, capacity);
    this.issuedAt = grown(this.issuedAt, capacity);
    this.issuer = grown(this.issuer, capacity);
    this.contact = grown(this.contact, capacity);
    this.amount = grown(this.amount, capacity);
    this.unit = grown(this.unit, capacity);
    this.basis = grown(this.basis, capacity);
  }
}
