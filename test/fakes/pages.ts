import { FakeAwsError } from "./fakeService";

/**
 * One page of `items` for a paginated API: an opaque token that carries the offset and the
 * request's other arguments, since AWS refuses a token sent with arguments other than those of
 * the call that returned it (e.g. LookupEvents `NextToken`, ListExecutions `nextToken`, each API
 * reference). `refused` is the error that API answers a foreign token with.
 */
export function pageOf<T>(
  items: T[],
  request: { token: string | undefined; arguments: unknown; size: number },
  refused: (token: string) => FakeAwsError,
): { page: T[]; nextToken?: string } {
  const query = JSON.stringify(request.arguments);
  let offset = 0;
  if (request.token !== undefined) {
    const match = /^(\d+):(.*)$/s.exec(Buffer.from(request.token, "base64").toString("utf8"));
    if (!match || match[2] !== query) throw refused(request.token);
    offset = Number(match[1]);
  }
  const page = items.slice(offset, offset + request.size);
  const next = offset + page.length;
  return next < items.length
    ? { page, nextToken: Buffer.from(`${next}:${query}`).toString("base64") }
    : { page };
}
