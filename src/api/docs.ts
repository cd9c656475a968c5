/** OpenAPI 3.1 from the routes' zod schemas (@fastify/swagger) and Swagger UI at /docs. */
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import { jsonSchemaTransform, jsonSchemaTransformObject } from 'fastify-type-provider-zod';

export async function installDocs(app: FastifyInstance): Promise<void> {
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Suyuan (溯源) API',
        version: '1.0.0',
        description:
          'An event-sourced, verifiable trace ledger for agricultural products. Every write answers with a receipt: ' +
          'its events, the signed checkpoint that covers them and their inclusion proofs. Errors are RFC 9457 ' +
          'problem details with a stable `code` and the failing `field`.',
      },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer', description: 'API key of a principal' } } },
      tags: [
        { name: 'codes', description: 'resolve and trace codes (扫码 · 追溯)' },
        { name: 'lots', description: 'commission, hand off, receive, process, freeze' },
        { name: 'operators', description: 'registration, review, certifications, directory' },
        { name: 'principals', description: 'API keys' },
        { name: 'log', description: 'the signed transparency log' },
        { name: 'health', description: 'liveness, readiness, metrics' },
      ],
    },
    transform: jsonSchemaTransform,
    transformObject: jsonSchemaTransformObject,
  });
}

/** Swagger UI at /docs (registered where helmet's CSP applies; staticCSP fits its scripts to it). */
export async function installDocsUi(app: FastifyInstance): Promise<void> {
  await app.register(swaggerUi, {
    routePrefix: '/docs',
    staticCSP: true,
    // As for the pages: over plain HTTP on a LAN, upgrading requests to HTTPS would break the UI.
    transformStaticCSP: (header) => header.replace(/\s*upgrade-insecure-requests;?/, ''),
  });
}
