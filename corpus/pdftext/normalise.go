package pdftext

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"sync"

	"github.com/pdfcpu/pdfcpu/pkg/api"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"
)

var pdfcpuOnce sync.Once

// errPassword means the file needs a user password other than the empty one.
var errPassword = errors.New("needs a password")

// normalise rewrites a PDF with pdfcpu: repaired cross-reference table, no object
// or xref streams, decrypted with the empty user password, header set to 1.7 so
// the object layer accepts it.
func normalise(data []byte) (out []byte, err error) {
	defer func() {
		if p := recover(); p != nil {
			out, err = nil, fmt.Errorf("pdfcpu: %v", p)
		}
	}()
	pdfcpuOnce.Do(api.DisableConfigDir) // no config files written to the user's home
	encrypted := bytes.Contains(data, []byte("/Encrypt"))
	newConf := func() *model.Configuration {
		conf := model.NewDefaultConfiguration()
		conf.UserPW, conf.OwnerPW = "", ""
		conf.ValidationMode = model.ValidationRelaxed
		conf.WriteObjectStream, conf.WriteXRefStream = false, false
		return conf
	}
	// Unencrypted files are read (repairing the xref) and written back without
	// pdfcpu's validation and optimisation, which cost far more than the rewrite
	// on large tagged documents; encrypted ones go through pdfcpu's Decrypt,
	// which decrypts every object. Each way falls back to the other.
	fast := func(buf *bytes.Buffer) error {
		conf := newConf()
		if encrypted {
			conf.Cmd = model.DECRYPT
		}
		ctx, err := api.ReadContext(bytes.NewReader(data), conf)
		if err != nil {
			return err
		}
		if encrypted {
			ctx.Encrypt = nil
			ctx.EncKey = nil
		}
		return api.WriteContext(ctx, buf)
	}
	thorough := func(buf *bytes.Buffer) error {
		if encrypted {
			return api.Decrypt(bytes.NewReader(data), buf, newConf())
		}
		return api.Optimize(bytes.NewReader(data), buf, newConf())
	}
	ways := []func(*bytes.Buffer) error{fast, thorough}
	if encrypted {
		ways[0], ways[1] = thorough, fast
	}
	var buf bytes.Buffer
	for _, way := range ways {
		buf.Reset()
		if err = way(&buf); err == nil {
			break
		}
		if isPasswordErr(err) {
			return nil, errPassword
		}
	}
	if err != nil {
		return nil, fmt.Errorf("pdfcpu: %w", err)
	}
	out = buf.Bytes()
	if bytes.HasPrefix(out, []byte("%PDF-2.")) || (len(out) > 8 && bytes.HasPrefix(out, []byte("%PDF-1.")) && out[7] > '7') {
		out[5], out[6], out[7] = '1', '.', '7'
	}
	return out, nil
}

func isPasswordErr(err error) bool {
	if errors.Is(err, pdfcpu.ErrWrongPassword) {
		return true
	}
	s := strings.ToLower(err.Error())
	return strings.Contains(s, "password")
}
