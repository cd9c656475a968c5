/** EPC URIs as canonical GS1 Digital Links, and Digital Links constrained for the CBV 2.0 event hash. */
import { describe, expect, it } from 'vitest';
import { constrainDigitalLink, epcUriToDigitalLink } from '../../src/epcis/index.js';
import { gs1CheckDigit } from '../../src/epcis/digitalLink.js';

describe('gs1CheckDigit', () => {
  it.each([
    ['1061414107346', '4'], // GTIN-14 10614141073464
    ['629104150021', '3'], // GTIN-13 6291041500213
    ['401234500011', '5'], // GLN 4012345000115
    ['04012345000000333', '8'], // SSCC 040123450000003338
    ['4012345999987654', '1'], // GSIN 40123459999876541
    ['000000000000', '0'],
  ])('the check digit of %s is %s', (digits, check) => expect(gs1CheckDigit(digits)).toBe(check));
});

describe('epcUriToDigitalLink', () => {
  it.each([
    ['urn:epc:id:sgtin:0614141.107346.2017', 'https://id.gs1.org/01/10614141073464/21/2017'],
    ['urn:epc:id:sgtin:415056789012.0.987654', 'https://id.gs1.org/01/04150567890128/21/987654'],
    ['urn:epc:id:sgtin:4012345.011111.98%22', 'https://id.gs1.org/01/04012345111118/21/98%22'],
    ['urn:epc:id:sgtin:0614141.812345.6789%2F%26%25%22!%3F()', 'https://id.gs1.org/01/80614141123458/21/6789%2F%26%25%22%21%3F%28%29'],
    ['urn:epc:id:sscc:4012345.0000000333', 'https://id.gs1.org/00/040123450000003338'],
    ['urn:epc:id:sscc:4012345.3111111111', 'https://id.gs1.org/00/340123451111111111'],
    ['urn:epc:id:sgln:4012345.00011.987', 'https://id.gs1.org/414/4012345000115/254/987'],
    ['urn:epc:id:sgln:4012345.00005.0', 'https://id.gs1.org/414/4012345000054'],
    ['urn:epc:id:pgln:4012345.00000', 'https://id.gs1.org/417/4012345000009'],
    ['urn:epc:id:pgln:999999999999.', 'https://id.gs1.org/417/9999999999994'],
    ['urn:epc:id:grai:4012345.00022.334455', 'https://id.gs1.org/8003/04012345000221334455'],
    ['urn:epc:id:giai:4012345.ABC345', 'https://id.gs1.org/8004/4012345ABC345'],
    ['urn:epc:id:gsrn:4012345.0000006765', 'https://id.gs1.org/8018/401234500000067657'],
    ['urn:epc:id:gsrnp:4012345.0000000007', 'https://id.gs1.org/8017/401234500000000074'],
    ['urn:epc:id:gdti:4012345.00009.PO-4711', 'https://id.gs1.org/253/4012345000092PO-4711'],
    ['urn:epc:id:gdti:987659999999..9', 'https://id.gs1.org/253/98765999999929'],
    ['urn:epc:id:cpi:0614141.11111111111111-A%23%2F.1234', 'https://id.gs1.org/8010/061414111111111111111-A%23%2F/8011/1234'],
    ['urn:epc:id:sgcn:4012345.99999.44', 'https://id.gs1.org/255/401234599999044'],
    ['urn:epc:id:ginc:0614141.xyz47%2F11', 'https://id.gs1.org/401/0614141xyz47%2F11'],
    ['urn:epc:id:gsin:4012345.222333444', 'https://id.gs1.org/402/40123452223334442'],
    ['urn:epc:id:itip:4012345.011111.01.02.987', 'https://id.gs1.org/8006/040123451111180102/21/987'],
    ["urn:epc:id:upui:1234567.098765.51qIgY)%3C%26Jp3*j7'SDB", "https://id.gs1.org/01/01234567987651/235/51qIgY%29%3C%26Jp3%2Aj7'SDB"],
    ['urn:epc:class:lgtin:4054739.099914.20160711', 'https://id.gs1.org/01/04054739999148/10/20160711'],
    ['urn:epc:idpat:sgtin:4012345.066666.*', 'https://id.gs1.org/01/04012345666663'],
    ['urn:epc:idpat:grai:4012345.66666.*', 'https://id.gs1.org/8003/04012345666663'],
    ['urn:epc:idpat:gdti:4012345.55555.*', 'https://id.gs1.org/253/4012345555554'],
    ['urn:epc:idpat:sgcn:4012345.99999.*', 'https://id.gs1.org/255/4012345999990'],
    ['urn:epc:idpat:cpi:4012345.ABC.*', 'https://id.gs1.org/8010/4012345ABC'],
    ['urn:epc:idpat:itip:4012345.012345.01.02.*', 'https://id.gs1.org/8006/040123451234560102'],
  ])('%s → %s', (urn, link) => expect(epcUriToDigitalLink(urn)).toBe(link));

  it.each([
    'urn:epc:id:gid:95100000.12345.400', // no GS1 key
    'urn:epc:id:sgtin:0614141.10734.2017', // 12 digits, not 13
    'urn:epc:id:sgtin:0614141.107346', // no serial
    'urn:epc:idpat:sgtin:4012345.*.*', // a pattern wider than one GTIN
    'urn:epc:id:sscc:4012345.0000000333.1',
    'urn:epcglobal:cbv:bt:5200001000008:4711',
    'https://id.gs1.org/01/04012345999990',
  ])('leaves %s alone', (value) => expect(epcUriToDigitalLink(value)).toBeUndefined());
});

describe('constrainDigitalLink', () => {
  it.each([
    ['https://id.gs1.de/01/04012345999990/21/XYZ-1234', 'https://id.gs1.org/01/04012345999990/21/XYZ-1234'],
    ['https://example.com/gtin/09780345418913/21/765tz?abc=211121', 'https://id.gs1.org/01/09780345418913/21/765tz'],
    ['https://id.gs1.org/gtin/09780345418913', 'https://id.gs1.org/01/09780345418913'],
    ['https://id.example.com/253/4012345000054987', 'https://id.gs1.org/253/4012345000054987'],
    ['https://brand.example/products/01/9506000134352/22/2A/10/ABC/21/12345', 'https://id.gs1.org/01/09506000134352/21/12345'],
    ['https://brand.example/01/95060001/10/L1', 'https://id.gs1.org/01/00000095060001/10/L1'],
    ['https://example.org/414/4012345000115/254/987', 'https://id.gs1.org/414/4012345000115/254/987'],
    ['https://example.org/8010/4012345ABC/8011/123', 'https://id.gs1.org/8010/4012345ABC/8011/123'],
    ['https://example.org/01/04012345999990/21/A%2fB', 'https://id.gs1.org/01/04012345999990/21/A%2FB'],
  ])('%s → %s', (link, constrained) => expect(constrainDigitalLink(link)).toBe(constrained));

  it.each([
    'https://accreditation-council.example.org/certificate/ABC12345',
    'http://transaction.acme.com/po/12345678',
    'https://www.ncbi.nlm.nih.gov/taxonomy/1126011',
    'https://example.org/01/not-a-gtin',
    'https://example.org/01/04012345999990/99/unknown-qualifier',
    'geo:50.947573340894124,6.922120147375441',
  ])('%s is not a Digital Link', (value) => expect(constrainDigitalLink(value)).toBeUndefined());
});
