/** Version of @prodbench/sdk, reported in heartbeats. Kept equal to package.json by a test. */
export const SDK_VERSION = '0.1.0'
