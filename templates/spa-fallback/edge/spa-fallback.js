// CloudFront Function (cloudfront-js-2.0), viewer request, on the site's S3 behavior only.
// A path without a file extension is a route of the single-page app (/items/42): serve
// index.html and let the app's router take it from there. Files (/assets/app.js,
// /config.json) pass through untouched, so a missing file is still a real 404/403, and
// API paths never come here: they have their own behavior.
function handler(event) {
  var request = event.request;
  var last = request.uri.split('/').pop();
  if (last.indexOf('.') === -1) {
    request.uri = '/index.html';
  }
  return request;
}
