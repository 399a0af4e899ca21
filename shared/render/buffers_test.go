package render

import "testing"

func TestBuffers(t *testing.T) {
	for len(buffers) > 0 { // start empty
		<-buffers
	}
	if b := getBuffer(100); len(b) != 0 || cap(b) < 100 {
		t.Fatalf("getBuffer(100) from an empty store: len %d cap %d", len(b), cap(b))
	}
	small := make([]byte, 10, 64)
	putBuffer(small)
	if b := getBuffer(1000); cap(b) < 1000 {
		t.Errorf("getBuffer(1000) returned cap %d: a kept buffer too small for the request", cap(b))
	}
	if len(buffers) != 0 {
		t.Errorf("a buffer too small for a request stays kept")
	}
	putBuffer(make([]byte, 0, maxKept+1))
	if len(buffers) != 0 {
		t.Errorf("a buffer over %d bytes was kept", maxKept)
	}
	for range cap(buffers) + 3 {
		putBuffer(make([]byte, 0, 8))
	}
	if len(buffers) != cap(buffers) {
		t.Errorf("%d buffers kept, want the cap %d", len(buffers), cap(buffers))
	}
	b := getBuffer(4)
	if len(b) != 0 || cap(b) != 8 {
		t.Errorf("getBuffer(4) = len %d cap %d, want a kept buffer emptied", len(b), cap(b))
	}
	for len(buffers) > 0 {
		<-buffers
	}
}
