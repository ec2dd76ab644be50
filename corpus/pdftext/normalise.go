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
	conf := model.NewDefaultConfiguration()
	conf.UserPW, conf.OwnerPW = "", ""
	conf.ValidationMode = model.ValidationRelaxed
	conf.WriteObjectStream = false
	conf.WriteXRefStream = false
	encrypted := bytes.Contains(data, []byte("/Encrypt"))
	var buf bytes.Buffer
	if encrypted {
		err = api.Decrypt(bytes.NewReader(data), &buf, conf)
	} else {
		err = api.Optimize(bytes.NewReader(data), &buf, conf)
	}
	if err != nil {
		if isPasswordErr(err) {
			return nil, errPassword
		}
		// Validation can refuse files that still read: write the raw context.
		buf.Reset()
		conf = model.NewDefaultConfiguration()
		conf.ValidationMode = model.ValidationRelaxed
		conf.WriteObjectStream, conf.WriteXRefStream = false, false
		if encrypted {
			conf.Cmd = model.DECRYPT
		}
		ctx, rerr := api.ReadContext(bytes.NewReader(data), conf)
		if rerr != nil {
			if isPasswordErr(rerr) {
				return nil, errPassword
			}
			return nil, fmt.Errorf("pdfcpu read: %w", rerr)
		}
		if encrypted {
			ctx.Encrypt = nil
			ctx.EncKey = nil
		}
		if werr := api.WriteContext(ctx, &buf); werr != nil {
			return nil, fmt.Errorf("pdfcpu write: %w", werr)
		}
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
