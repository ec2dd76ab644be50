//go:build unix

package atomicfile

import (
	"io/fs"
	"os"
	"path/filepath"
	"syscall"
	"testing"
)

// TestWriteFollowsUmask checks that written files get 0666 less the umask
// (0644 under the usual 022), not os.CreateTemp's 0600, also when they
// replace an existing file.
func TestWriteFollowsUmask(t *testing.T) {
	for _, tt := range []struct {
		umask int
		want  fs.FileMode
	}{{0o022, 0o644}, {0o027, 0o640}, {0o002, 0o664}} {
		old := syscall.Umask(tt.umask)
		path := filepath.Join(t.TempDir(), "map.xlsx")
		os.WriteFile(path, []byte("old"), 0o600)
		err := WriteFile(path, []byte("new"))
		syscall.Umask(old)
		if err != nil {
			t.Fatal(err)
		}
		st, err := os.Stat(path)
		if err != nil {
			t.Fatal(err)
		}
		if got := st.Mode().Perm(); got != tt.want {
			t.Errorf("umask %03o: mode %v, want %v", tt.umask, got, tt.want)
		}
	}
}
