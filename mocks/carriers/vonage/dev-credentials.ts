/**
 * PUBLIC TEST KEY — DEVELOPMENT ONLY. NOT A SECRET.
 *
 * The RSA key pair of the Vonage application `numtrust-dev` registered at the mock Vonage carrier.
 * The private half is committed on purpose so the gateway's embedded development config and the
 * tests can sign application JWTs (RS256); the mock holds only the public half. Never upload this
 * key to a real Vonage application.
 */
import type { JWK } from 'jose';
import type { VonageProviderConfigInput } from '../../../adapters/vonage/config.ts';

/** The application id (`application_id` claim) of the mock's development application. */
export const VONAGE_DEV_APPLICATION_ID = '66ad76e3-a20e-4afe-bd1c-6444cfb95996';

/** The one purpose of the development application's network profile (the Playground's). */
export const VONAGE_DEV_PURPOSE = 'FraudPreventionAndDetection';

/** PKCS#8 PEM, the form in which the Vonage dashboard hands out `private.key`. */
export const VONAGE_DEV_PRIVATE_KEY_PEM = `-----BEGIN PRIVATE KEY-----
MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQDoircR5UxIoPWS
pa87ZptxLuYmlRULgTHFtC4ydAAWqM6lQJ18scCIBkHxMcXgcDotsHPw3xOUuke6
OQ3JiWGhHGqT6zD7iyGf0rfM8tP/odA6b97N6diwvJAyDhGAZI1uLAa4KysfMgcS
Qb5CN+jdug5cKoR8qaSxpMZIL5lvJsvU9wGx2PExTlFHFj9gJwBCor2CzXei6zs4
ivyiJGQE3bj2mqYRUzMkRPKBzrYy3h/I5mS1YAbGwWWSa497Ao+io0N7m9FUNRRm
h3Bjbwt//CQUn3OfYoc48wz66JneIoTD8dX7a9i+pR6Sil7YuKpXVk3z6/Jr0R0V
lSsDCA5JAgMBAAECggEAFI2iJa5HIko7ulTzmoP0rDnRdMqLfCNUo11MEgCHu3j7
HscJxGovkrY+4NMd4rr4oW4tqTYGVIhsa4y8Z7pBS0yoLN/GSg1fkPE+dppl23vR
XEDkB/4pvWFFO29b46W/jGPOyjtiidTRpC70YoTvi510xHerkxspZ9wg/GNco+K2
T9O02pxLKu+iz4B5v4tM29kNRfPjyJG0wK4H/L6pTBAH4DyN1SfRem815IHtkHVp
cWrtzKPsMaP3KdNS80EjLVi9XX6z1GHDsenBQrSkRHzBGzbEKmFmkCU37VqU9x9l
5hPuwVWGKzQL6/7fj7/HIPjtAKHTM1dN4H1d4WC4ywKBgQD51ScCEyJ4wicEWBeK
Qck+mdYsQAOlu+eQ2Eed8yEVn+oLn03T971wP6aFLavietHLnkukA5EF+UkcHmS3
o6l/Wze1XFKs7Dk16PqVKJUnm7NOLqU0gMxyhb4iMSJFXV3jhlBi+wVl/X93ts4t
ZiSfcHWCGYa+J7IUNTQ/CF+xfwKBgQDuSEqnaiiGkQP/9jVMqaUXdSOVChQwl5ii
Bzg5rh9YnZhwaAJIW1GKT+qJ5CGsvm92cn5TX/5jOOasPQxxl6ivHecMiChbcorW
N9Wuo4gQb0buVvIet87Dd6nap15TMLFQzogcWGcAJYbUzBlgPqf63r5p5GQbT4X6
PCOQCuUUNwKBgGYRjoFLff7mG3ir4NosbGK2CQlFEfhpH39OzVublD24eq9K40oh
YfT1HDw2342E7ieJQY/9oQdWxGbHiBB6ven5Q3ZGBMT/MZRz3cSIsv9enk/nwLkF
kgGL4JUpi73ZGl21Zyw5MAhuG+C1/+AOZhH5qRiBA0q2/wtAfVrvOeFTAoGAfQ77
/3m740Rg8QnrV10CBJm6HxK3HfmyZfecDsnQMdYkl3o/GHK1DP58ffp5ogwgu+3D
V0beYH0Qs/0mdse+BIqRJQahB73KGDwdrhat5tJAS/7d/DlED1rSjqug2dCIf3yl
+xp6lJ0dcrnb56N6zjPxg+oWkC7ghkDh+Ut+h2kCgYEA2OW4b88vmXbewi0zb7xi
DzHrh7+kZxX1boKNg+HpOHGdIhz4GTHA/dVQrfnNIG/emuw5yLVhGkL+HPpp8swM
KFgx14A7K/XA/KJy07eWWCEIy7lnsS5JQaxaqGC9juTr/uY94IecHb7KZ52COrPT
RkV9DrB98ApjwQzcczXB1R0=
-----END PRIVATE KEY-----
`;

export const VONAGE_DEV_PUBLIC_JWK: JWK = {
  kty: 'RSA',
  n: '6Iq3EeVMSKD1kqWvO2abcS7mJpUVC4ExxbQuMnQAFqjOpUCdfLHAiAZB8THF4HA6LbBz8N8TlLpHujkNyYlhoRxqk-sw-4shn9K3zPLT_6HQOm_ezenYsLyQMg4RgGSNbiwGuCsrHzIHEkG-Qjfo3boOXCqEfKmksaTGSC-ZbybL1PcBsdjxMU5RRxY_YCcAQqK9gs13ous7OIr8oiRkBN249pqmEVMzJETygc62Mt4fyOZktWAGxsFlkmuPewKPoqNDe5vRVDUUZodwY28Lf_wkFJ9zn2KHOPMM-uiZ3iKEw_HV-2vYvqUekope2LiqV1ZN8-vya9EdFZUrAwgOSQ',
  e: 'AQAB',
  alg: 'RS256',
  use: 'sig',
};

/**
 * Gateway provider config for the mock's development application (public test key).
 * `baseUrl` is the carrier's base URL: `<mock network url>/carriers/vonage`.
 */
export function vonageDevProvider(baseUrl: string, id = 'vonage'): VonageProviderConfigInput {
  return {
    id,
    kind: 'vonage',
    baseUrl,
    applicationId: VONAGE_DEV_APPLICATION_ID,
    privateKey: VONAGE_DEV_PRIVATE_KEY_PEM,
    purpose: VONAGE_DEV_PURPOSE,
    allowInsecureHttp: true,
  };
}
