// Package samcheck reads the project's AWS SAM template and checks the
// things cfn-lint cannot know: that every function builds from this
// repository with the makefile method, that each API route is served by
// the intended function with the intended authorization, that the reports
// bucket is locked down, and that no ARN names the "aws" partition
// literally (the China regions use "aws-cn").
//
// The template is read with CloudFormation's short-form tags (!Ref, !Sub,
// !GetAtt, …) turned into their long forms ({"Ref": …}, {"Fn::Sub": …}),
// so checks see the same tree CloudFormation does. Intrinsics are not
// evaluated.
package samcheck
