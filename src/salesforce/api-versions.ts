/** The API version ipemu asks for unless told otherwise: the first in which every object the default job link reads exists. */
export const DEFAULT_API_VERSION = '64.0';
