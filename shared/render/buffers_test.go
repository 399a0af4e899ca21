package render

import "testing"

func resetBuffers() {
	buffers.Lock()
	buffers.kept, buffers.bytes = nil, 0
	buffers.Unlock()
}

func TestBuffers(t *testing.T) {
	resetBuffers()
	defer resetBuffers()
	if b := getBuffer(100); len(b) != 0 || cap(b) < 100 {
		t.Fatalf("getBuffer(100) with nothing kept: len %d cap %d", len(b), cap(b))
	}
	putBuffer(make([]byte, 10, 64))
	if b := getBuffer(1000); cap(b) < 1000 {
		t.Errorf("getBuffer(1000) returned cap %d, a kept buffer too small for it", cap(b))
	}
	if b := getBuffer(32); cap(b) != 64 || len(b) != 0 {
		t.Errorf("getBuffer(32) = len %d cap %d, want the kept 64-byte buffer, emptied", len(b), cap(b))
	}
	putBuffer(make([]byte, 0, maxKeptBytes+1))
	if buffers.bytes != 0 {
		t.Errorf("a buffer over the bound was kept (%d bytes kept)", buffers.bytes)
	}
	for range 10 {
		putBuffer(make([]byte, 0, maxKeptBytes/4))
	}
	if buffers.bytes > maxKeptBytes || len(buffers.kept) != 4 {
		t.Errorf("%d buffers, %d bytes kept; want 4, at most %d", len(buffers.kept), buffers.bytes, maxKeptBytes)
	}
}
