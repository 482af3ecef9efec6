import { type Resource, resourceFromAttributes } from '@opentelemetry/resources';
import { ATTR_SERVICE_NAME, ATTR_SERVICE_VERSION } from '@opentelemetry/semantic-conventions';
import { readServicePackage, serviceName } from './service-package';

const ATTR_DEPLOYMENT_ENVIRONMENT_NAME = 'deployment.environment.name';

/**
 * Settles the service's name and the semantic conventions in the environment, where every
 * instrumentation and detector reads them, and returns the resource before OTEL_RESOURCE_ATTRIBUTES
 * is merged over it.
 */
export function prepareServiceResource(): Resource {
  const pkg = readServicePackage();
  process.env.OTEL_SERVICE_NAME = serviceName(pkg);
  // Current semantic conventions (http.request.method, url.*, db.query.text, db.system.name).
  process.env.OTEL_SEMCONV_STABILITY_OPT_IN ??= 'http,database';
  return resourceFromAttributes({
    [ATTR_SERVICE_NAME]: process.env.OTEL_SERVICE_NAME,
    [ATTR_SERVICE_VERSION]: pkg?.version ?? '0.0.0',
    [ATTR_DEPLOYMENT_ENVIRONMENT_NAME]: 'local',
  });
}
