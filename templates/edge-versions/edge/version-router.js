import cf from 'cloudfront';

// CloudFront Function (cloudfront-js-2.0), viewer request, on the site's bucket behavior.
//
// Sends each visitor to one version of the site, the same one on every request:
//   - progressive rollout: a visitor whose bucket is below `rollout-percent` gets the new
//     version, uploaded under /v-next/;
//   - A/B testing: of the others, those whose (shuffled) bucket is below `ab-percent-b` get
//     variant B, uploaded under /v-b/; everyone else gets the site at the bucket's root.
// A visitor's bucket (0-99) comes from the `site-bucket` cookie, or, on a first visit, from
// the request id; version-cookie.js, on the response, derives the same bucket from the same
// request id and sets the cookie, so the choice sticks. Raising a percentage only moves
// visitors towards the new version: nobody flips back and forth.
// The percentages live in the distribution's KeyValueStore, so changing them takes one
// `aws cloudfront-keyvaluestore put-key` and no build or deployment.
//
// It also serves index.html for the app's own routes (paths without a file extension): a
// behavior has one viewer-request function.

var store = cf.kvs('__KEY_VALUE_STORE_ID__');
var COOKIE = 'site-bucket';

async function handler(event) {
  var request = event.request;
  var bucket = bucketOf(request, event.context.requestId);
  var prefix = await versionPrefix(bucket);

  var last = request.uri.split('/').pop();
  if (last.indexOf('.') === -1) {
    request.uri = '/index.html';
  }
  // config.json says where the APIs are: one copy, shared by every version.
  if (prefix !== '' && request.uri !== '/config.json') {
    request.uri = prefix + request.uri;
  }
  return request;
}

async function versionPrefix(bucket) {
  if (bucket < (await percent('rollout-percent'))) return '/v-next';
  // 37 is coprime with 100: a permutation of the buckets, so being in B does not depend on
  // how close a visitor was to the rollout.
  if ((bucket * 37) % 100 < (await percent('ab-percent-b'))) return '/v-b';
  return '';
}

async function percent(key) {
  try {
    var value = parseInt(await store.get(key), 10);
    return value >= 0 && value <= 100 ? value : 0;
  } catch (missing) {
    // A missing or unreadable key routes nobody: the current version is the safe default.
    return 0;
  }
}

function bucketOf(request, requestId) {
  var cookie = request.cookies[COOKIE];
  var fromCookie = cookie ? parseInt(cookie.value, 10) : NaN;
  if (fromCookie >= 0 && fromCookie < 100) return fromCookie;
  return hashBucket(requestId);
}

// FNV-1a of the request id, mod 100. Kept identical in version-cookie.js.
function hashBucket(text) {
  var hash = 2166136261;
  for (var i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    // hash * 16777619 (the FNV prime), as shifts: exact in 32 bits without Math.imul.
    hash = (hash + (hash << 1) + (hash << 4) + (hash << 7) + (hash << 8) + (hash << 24)) >>> 0;
  }
  return hash % 100;
}
