//go:build linux || darwin

package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/evidence-workbench/workbench/coding/exchange"
	"github.com/evidence-workbench/workbench/coding/merge"
	"github.com/evidence-workbench/workbench/corpus"
	"github.com/evidence-workbench/workbench/internal/benchgen"
)

// tempFolders lists the merge's temporary folders in dir.
func tempFolders(t *testing.T, dir string) []string {
	t.Helper()
	es, _ := os.ReadDir(dir)
	var out []string
	for _, e := range es {
		if strings.HasPrefix(e.Name(), merge.TempPrefix) {
			out = append(out, e.Name())
		}
	}
	return out
}

// wb merge killed by SIGTERM or SIGHUP while it imports a .qdpx into its
// temporary project stops, leaves the master as it was and removes its
// temporary folder.
func TestTermAndHupLeaveNoTempFolders(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a 200-study archive")
	}
	t.Setenv("EWB_CONFIG_DIR", t.TempDir())
	dir := t.TempDir()
	src, err := benchgen.Create(filepath.Join(dir, "big.ewb"), 200, 12000, 5000)
	if err != nil {
		t.Fatal(err)
	}
	archive := filepath.Join(dir, "big.qdpx")
	err = exchange.ExportQDPX(context.Background(), src, archive, nil)
	src.Close()
	if err != nil {
		t.Fatal(err)
	}
	// Export: the archive being written goes with the signal.
	t.Run("export-qdpx", func(t *testing.T) {
		outDir := t.TempDir()
		cmd := wbProcess("export-qdpx", filepath.Join(dir, "big.ewb"), filepath.Join(outDir, "out.qdpx"))
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		deadline := time.Now().Add(60 * time.Second)
		for {
			if es, _ := os.ReadDir(outDir); len(es) > 0 {
				break
			}
			if time.Now().After(deadline) {
				cmd.Process.Kill()
				t.Fatal("the export wrote nothing")
			}
			time.Sleep(5 * time.Millisecond)
		}
		cmd.Process.Signal(syscall.SIGTERM)
		cmd.Wait()
		if status := cmd.ProcessState.ExitCode(); status != 0 && status != 128+int(syscall.SIGTERM) {
			t.Errorf("exit status %d", status)
		}
		es, _ := os.ReadDir(outDir)
		if cmd.ProcessState.ExitCode() != 0 && len(es) > 0 {
			t.Errorf("an interrupted export left %v", es)
		}
	})
	for _, sig := range []syscall.Signal{syscall.SIGTERM, syscall.SIGHUP} {
		t.Run(sig.String(), func(t *testing.T) {
			master := filepath.Join(t.TempDir(), "master.ewb")
			mustWB(t, "new", master, "--coder", "Lead")
			before, _ := os.ReadFile(master)
			tmp := t.TempDir()
			cmd := wbProcess("merge", master, archive, "--coder", "Lead")
			cmd.Env = append(cmd.Env, "TMPDIR="+tmp)
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			deadline := time.Now().Add(60 * time.Second)
			for len(tempFolders(t, tmp)) == 0 {
				if time.Now().After(deadline) {
					cmd.Process.Kill()
					t.Fatal("the merge made no temporary folder")
				}
				time.Sleep(10 * time.Millisecond)
			}
			time.Sleep(300 * time.Millisecond) // well into the import
			cmd.Process.Signal(sig)
			err := cmd.Wait()
			status := cmd.ProcessState.ExitCode()
			if status != 128+int(sig) {
				t.Errorf("exit status %d (%v), want %d", status, err, 128+int(sig))
			}
			if left := tempFolders(t, tmp); len(left) > 0 {
				t.Errorf("left behind: %v", left)
			}
			p, err := corpus.Open(master, corpus.Options{ReadOnly: true})
			if err != nil {
				t.Fatal(err)
			}
			st, _ := p.Stats()
			p.Close()
			if st.Studies != 0 {
				t.Errorf("the interrupted merge added %d studies", st.Studies)
			}
			if after, _ := os.ReadFile(master); len(after) != len(before) {
				t.Errorf("the master changed size: %d -> %d", len(before), len(after))
			}
		})
	}
}

// Temporary folders a crashed run left behind are removed when wb starts,
// once they are a day old; newer ones (a run in progress) stay.
func TestStaleTempFoldersRemovedAtStart(t *testing.T) {
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp)
	old := filepath.Join(tmp, merge.TempPrefix+"crashed")
	fresh := filepath.Join(tmp, merge.TempPrefix+"running")
	other := filepath.Join(tmp, "someone-elses")
	for _, d := range []string{old, fresh, other} {
		if err := os.MkdirAll(filepath.Join(d, "x"), 0o700); err != nil {
			t.Fatal(err)
		}
	}
	twoDays := time.Now().Add(-48 * time.Hour)
	os.Chtimes(old, twoDays, twoDays)
	os.Chtimes(other, twoDays, twoDays)
	wb(t, "help")
	if _, err := os.Stat(old); err == nil {
		t.Error("a day-old temporary folder is still there")
	}
	for _, d := range []string{fresh, other} {
		if _, err := os.Stat(d); err != nil {
			t.Errorf("%s was removed", filepath.Base(d))
		}
	}
}

// In a folder that cannot be written, with a file without write
// permission, the read verbs work and leave nothing behind; a verb that
// changes the project says the place is read-only and names the file.
func TestReadVerbsInReadOnlyPlace(t *testing.T) {
	if testing.Short() {
		t.Skip("spawns processes")
	}
	path := demoAlone(t)
	study, _ := firstStudy(t, path)
	dir := filepath.Dir(path)
	os.Chmod(path, 0o444)
	os.Chmod(dir, 0o555)
	t.Cleanup(func() { os.Chmod(dir, 0o755) })
	// Root may write anywhere: run as nobody then, who may read the place.
	var cred *syscall.Credential
	bin := os.Args[0]
	cache := t.TempDir()
	if os.Getuid() == 0 {
		cred = &syscall.Credential{Uid: 65534, Gid: 65534}
		bin = filepath.Join(t.TempDir(), "wb.test")
		b, err := os.ReadFile(os.Args[0])
		if err != nil {
			t.Fatal(err)
		}
		os.WriteFile(bin, b, 0o755)
		for _, d := range []string{filepath.Dir(bin), cache, filepath.Dir(dir)} {
			for ; d != "/" && d != "."; d = filepath.Dir(d) {
				if st, err := os.Stat(d); err == nil {
					os.Chmod(d, st.Mode().Perm()|0o005)
				}
			}
		}
		os.Chmod(cache, 0o777)
	}
	runAs := func(args ...string) (int, string, string) {
		cmd := wbProcess(args...)
		cmd.Path, cmd.Args[0] = bin, bin
		cmd.Env = append(cmd.Env, "XDG_CACHE_HOME="+cache, "HOME="+cache, "EWB_CONFIG_DIR="+cache)
		if cred != nil {
			cmd.SysProcAttr = &syscall.SysProcAttr{Credential: cred}
		}
		return runProcess(t, cmd)
	}
	for _, args := range [][]string{
		{"info", path}, {"check", path}, {"search", path, "debt"}, {"brief", path, "--json"},
		{"segments", path}, {"text", path, study}, {"history", path}, {"codebook", path},
		{"backup", path, filepath.Join(cache, "copy.ewb")},
	} {
		if code, out, errOut := runAs(args...); code != 0 {
			t.Errorf("wb %s in a read-only place: %d\n%s%s", args[0], code, out, errOut)
		}
	}
	code, _, errOut := runAs("status", path, "--study", study, "--set", "included", "--coder", "Ann")
	if code == 0 || !strings.Contains(errOut, path) || !strings.Contains(errOut, "cannot write") {
		t.Errorf("a change in a read-only place: %d %q", code, errOut)
	}
	if side := besideFiles(t, path); len(side) > 0 {
		t.Errorf("left beside the file: %v", side)
	}
}
