// CloudFront Function (cloudfront-js-2.0), viewer response, on the site's bucket behavior.
//
// Makes version-router.js's choice sticky: a visitor who came without the `site-bucket`
// cookie gets it now, holding the bucket the router derived from this same request id
// (CloudFront gives a request and its response the same id). A year, site-wide, not readable
// by scripts.

var COOKIE = 'site-bucket';

function handler(event) {
  var response = event.response;
  var cookie = event.request.cookies[COOKIE];
  if (!cookie || !(parseInt(cookie.value, 10) >= 0 && parseInt(cookie.value, 10) < 100)) {
    response.cookies[COOKIE] = {
      value: String(hashBucket(event.context.requestId)),
      attributes: 'Path=/; Max-Age=31536000; Secure; HttpOnly; SameSite=Lax',
    };
  }
  return response;
}

// FNV-1a of the request id, mod 100. Kept identical in version-router.js.
function hashBucket(text) {
  var hash = 2166136261;
  for (var i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    // hash * 16777619 (the FNV prime), as shifts: exact in 32 bits without Math.imul.
    hash = (hash + (hash << 1) + (hash << 4) + (hash << 7) + (hash << 8) + (hash << 24)) >>> 0;
  }
  return hash % 100;
}
