// Package emulator runs a Lambda function's bootstrap binary under the AWS
// Lambda Runtime Interface Emulator (aws-lambda-rie) on loopback and
// invokes it, the way `sam local invoke` would but without Docker.
//
// The emulator handles one invocation at a time and crashes when given
// two at once, so Invoke serialises calls; use one Emulator per function.
// Install the emulator with infra/rie/install.sh.
package emulator
