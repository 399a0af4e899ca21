package summary

import (
	"errors"
	"strings"
)

// ErrRefused: the request cannot give a summary. The error is a
// *RefusedError saying why.
var ErrRefused = errors.New("summary refused")

// Reasons a summary is refused, as stable codes for clients.
const (
	ReasonBadRequest  = "bad-request" // the request itself is malformed
	ReasonNoMembers   = "no-members"  // zero members, or a region with none
	ReasonUnknown     = "unknown-members"
	ReasonMixedFormat = "mixed-formats" // members filed in another format version
	ReasonNoneFiled   = "none-filed"    // not one member has filed
	ReasonOutOfRange  = "out-of-range"  // a sum exceeds what the contract allows
)

// RefusedError says why a summary was refused, in Chinese, with the members
// concerned.
type RefusedError struct {
	Reason  string
	Message string
	Members []string `json:",omitempty"` // credit codes, at most maxListed
}

func (e *RefusedError) Error() string { return "summary refused (" + e.Reason + "): " + e.Message }

// Unwrap makes errors.Is(err, ErrRefused) true.
func (e *RefusedError) Unwrap() error { return ErrRefused }

// maxListed caps the members named in a refusal or a finding.
const maxListed = 50

func refuse(reason, message string, members ...string) error {
	if len(members) > maxListed {
		message += "（共 " + itoa(len(members)) + " 个，仅列出前 " + itoa(maxListed) + " 个）"
		members = members[:maxListed]
	}
	return &RefusedError{Reason: reason, Message: message, Members: members}
}

// listNames joins up to maxListed names with 、 and says how many more.
func listNames(names []string) string {
	if len(names) <= maxListed {
		return strings.Join(names, "、")
	}
	return strings.Join(names[:maxListed], "、") + " 等 " + itoa(len(names)) + " 个"
}
