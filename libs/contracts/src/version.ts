/** Hookline's release version; a unit test keeps it equal to the root package.json. */
export const HOOKLINE_VERSION = '0.1.0';

export const USER_AGENT = `Hookline/${HOOKLINE_VERSION}`;
