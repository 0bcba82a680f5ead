/** The slice of a Hono app used to call it in-process (tests and the demo seeder). */
export interface RequestHandler {
  request(path: string, init?: RequestInit): Response | Promise<Response>;
}

export interface ApiAnswer<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

/**
 * Calls the API in-process as a signed-in user, exactly as a browser would over HTTP.
 *
 * @example
 * const { status, body } = await callApi(app, token, 'POST', '/v1/schools', school);
 */
export async function callApi<T = any>(
  app: RequestHandler,
  token: string | undefined,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<ApiAnswer<T>> {
  const response = await app.request(path, {
    method,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...headers,
    },
    // Bytes (an uploaded file) go as they are.
    ...(body === undefined ? {} : { body: typeof body === 'string' || body instanceof Uint8Array ? (body as BodyInit) : JSON.stringify(body) }),
  });
  const text = await response.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    // Not JSON (an HTML page, an .ics file): hand back the text.
  }
  return { status: response.status, body: parsed as T, headers: response.headers };
}
