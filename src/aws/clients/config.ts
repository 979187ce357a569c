/**
 * What every SDK client of the functions is created with. One module per client
 * (`iam.ts`, `eks.ts`, `registry.ts`) builds it from this, so that a function's bundle imports only
 * the client it uses: each SDK client costs its own cold-start time (bench/cold-start.ts). This
 * module imports no client.
 *
 * Endpoints come from the SDK's own configuration (`AWS_ENDPOINT_URL`, `AWS_ENDPOINT_URL_IAM`, …),
 * so the sandbox and the end-to-end tests point every client at the local emulation with one
 * variable and no code path differs from production. The SDK's standard retry (3 attempts,
 * exponential backoff with jitter; `AWS_MAX_ATTEMPTS` changes it) absorbs short bursts; what it
 * gives up on surfaces as `RetryableError` and the workflow retries at its own pace.
 */
export const CLIENT_CONFIG: Readonly<Record<never, never>> = Object.freeze({});
