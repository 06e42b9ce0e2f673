/** What subscription URLs may point at (SPEC §7), from the registry's configuration. */
export interface DestinationPolicy {
  allowInsecureUrls: boolean;
  allowPrivateNetworks: boolean;
}

export const DESTINATION_POLICY = Symbol('DESTINATION_POLICY');
