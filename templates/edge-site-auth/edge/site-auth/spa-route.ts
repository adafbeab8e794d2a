/**
 * What the bucket answers for `uri`: a path without a file extension is a route of the
 * single-page app (/items/42), answered by index.html so the app's router can take it from
 * there; files (/assets/app.js, /config.json) are themselves, so a missing one is still a
 * real 403. (Without the sign-in gate a CloudFront Function does this at viewer request; a
 * behavior with Lambda@Edge in the viewer events can have no CloudFront Function there, so
 * the gate does it.)
 */
export function spaRoute(uri: string): string {
  const last = uri.split('/').pop() ?? '';
  return last.includes('.') ? uri : '/index.html';
}
