// Package storetest is the conformance suite every object store must pass,
// so that code tested against one store behaves the same on another: Run
// checks store.Store, RunCreate store.Creator.
package storetest
