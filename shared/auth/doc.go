// Package auth decides who may write: it verifies the bearer tokens the local
// gateway receives (compact JWS: HS256 with a shared secret, RS256 or ES256
// with a public key from a PEM or JWKS file) and reads the verified claims
// back out of an API Gateway event, where AWS's JWT authorizer or the local
// gateway put them.
//
// A token names an agency by its 统一社会信用代码 in the claim "creditCode"
// (or "custom:creditCode", as Cognito names custom attributes) and may carry
// the administrator scope "nianbao/admin" in "scope" or "scp", as OAuth's
// space-separated string or (verified locally) a JSON array of scope tokens;
// a string such as "[nianbao/admin]" grants nothing. An agency may file only
// its own reports; an administrator may file any report and start archive
// runs.
package auth
