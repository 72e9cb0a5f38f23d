import { loadClientConnectConfig } from '@temporalio/envconfig';

export interface TemporalTarget {
  address: string;
  namespace: string;
  /** TLS and API-key options from Temporal's standard environment configuration, when it gives any. */
  connectionOptions: ReturnType<typeof loadClientConnectConfig>['connectionOptions'];
}

/**
 * The cluster named by Temporal's standard environment configuration (TEMPORAL_ADDRESS, TEMPORAL_NAMESPACE,
 * TEMPORAL_API_KEY, TLS, profiles), or undefined when TEMPORAL_ADDRESS is not set.
 */
export function configuredTemporal(): TemporalTarget | undefined {
  if (!process.env.TEMPORAL_ADDRESS) return undefined;
  const config = loadClientConnectConfig();
  return {
    address: config.connectionOptions.address ?? process.env.TEMPORAL_ADDRESS,
    namespace: config.namespace ?? 'default',
    connectionOptions: config.connectionOptions,
  };
}

/** A plain loopback target, such as a dev server this process or `drl dev` started. */
export function localTemporal(address: string): TemporalTarget {
  return { address, namespace: 'default', connectionOptions: { address } };
}
