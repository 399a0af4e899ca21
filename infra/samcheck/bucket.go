package samcheck

import (
	"fmt"
	"strings"
)

var encryptionAlgorithms = map[string]bool{"AES256": true, "aws:kms": true, "aws:kms:dsse": true}

func (c *checker) bucket(t *Template) {
	buckets := t.OfType(TypeBucket)
	if len(buckets) == 0 {
		c.addf("Resources", "no %s", TypeBucket)
	}
	tlsOnly := map[string]bool{}
	for _, p := range t.OfType(TypeBucketPolicy) {
		if denyInsecureTransport(path(p.Properties, "PolicyDocument")) {
			tlsOnly[refTarget(p.Properties["Bucket"])] = true
		}
	}
	for _, b := range buckets {
		p := b.Properties
		expect(c, b.ID, "VersioningConfiguration.Status", path(p, "VersioningConfiguration", "Status"), "Enabled")
		rules, _ := path(p, "BucketEncryption", "ServerSideEncryptionConfiguration").([]any)
		if len(rules) == 0 {
			c.addf(b.ID, "no default encryption")
		}
		for _, r := range rules {
			alg, _ := path(r, "ServerSideEncryptionByDefault", "SSEAlgorithm").(string)
			if !encryptionAlgorithms[alg] {
				c.addf(b.ID, "SSEAlgorithm = %q, want AES256 or aws:kms", alg)
			}
		}
		for _, k := range []string{"BlockPublicAcls", "BlockPublicPolicy", "IgnorePublicAcls", "RestrictPublicBuckets"} {
			expect(c, b.ID, "PublicAccessBlockConfiguration."+k, path(p, "PublicAccessBlockConfiguration", k), true)
		}
		owners, _ := path(p, "OwnershipControls", "Rules").([]any)
		if len(owners) != 1 || path(owners[0], "ObjectOwnership") != "BucketOwnerEnforced" {
			c.addf(b.ID, "OwnershipControls = %v, want one rule BucketOwnerEnforced", owners)
		}
		if !tlsOnly[b.ID] {
			c.addf(b.ID, "no bucket policy denying aws:SecureTransport false")
		}
	}
}

// denyInsecureTransport reports whether a policy document has a Deny
// statement for everyone conditioned on aws:SecureTransport being false.
func denyInsecureTransport(doc any) bool {
	stmts, _ := path(doc, "Statement").([]any)
	for _, s := range stmts {
		if path(s, "Effect") != "Deny" || path(s, "Principal") != "*" {
			continue
		}
		v := path(s, "Condition", "Bool", "aws:SecureTransport")
		if strings.EqualFold(fmt.Sprint(v), "false") {
			return true
		}
	}
	return false
}
