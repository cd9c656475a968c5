/** The base URL printed in QR codes: the configured public URL, else the one the request came in on. */

/**
 * publicBaseUrl: `configured` (SUYUAN_PUBLIC_URL) without its trailing slash, else the request's protocol
 * (http or https: behind a trusted proxy it is X-Forwarded-Proto, a header) and a well-formed host.
 */
export function publicBaseUrl(configured: string | undefined, request: { protocol: string; host: string }): string {
  if (configured) return configured.replace(/\/$/, '');
  const host = /^[A-Za-z0-9.-]+(:\d{1,5})?$/.test(request.host) ? request.host : 'localhost';
  const protocol = request.protocol === 'https' ? 'https' : 'http';
  return `${protocol}://${host}`;
}
