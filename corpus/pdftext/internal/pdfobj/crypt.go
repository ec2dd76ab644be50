package pdfobj

import (
	"bytes"
	"crypto/aes"
	"crypto/cipher"
	"crypto/md5"
	"crypto/rc4"
	"crypto/sha256"
	"crypto/sha512"
	"hash"
)

// Crypt methods.
const (
	cryptNone = iota
	cryptRC4
	cryptAESV2
	cryptAESV3
)

// security is the standard security handler's state for one file.
type security struct {
	rev             int
	key             []byte
	stm, str        int // crypt methods for streams and strings
	encryptMetadata bool
}

var padding = []byte("\x28\xBF\x4E\x5E\x4E\x75\x8A\x41\x64\x00\x4E\x56\xFF\xFA\x01\x08\x2E\x2E\x00\xB6\xD0\x68\x3E\x80\x2F\x0C\xA9\xFE\x64\x53\x69\x7A")

// initSecurity authenticates with the empty password, then password (as
// user, then owner password), and sets up decryption.
func (r *Reader) initSecurity(password string) error {
	enc := r.Trailer().Key("Encrypt")
	if enc.Kind() != Dict {
		return ErrEncryption
	}
	if f := enc.Key("Filter").Name(); f != "Standard" && f != "" {
		return ErrEncryption
	}
	s := &security{encryptMetadata: true}
	if m := enc.Key("EncryptMetadata"); m.Kind() == Bool {
		s.encryptMetadata = m.Bool()
	}
	v := int(enc.Key("V").Int64())
	s.rev = int(enc.Key("R").Int64())
	keyLen := 5
	if l := enc.Key("Length").Int64(); l >= 40 && l <= 256 && v >= 2 {
		keyLen = int(l / 8)
	}
	switch v {
	case 0, 1, 2, 3:
		s.stm, s.str = cryptRC4, cryptRC4
	case 4, 5:
		cf := enc.Key("CF")
		method := func(filter string) (int, int) {
			if filter == "Identity" || filter == "" {
				return cryptNone, 0
			}
			d := cf.Key(filter)
			n := int(d.Key("Length").Int64())
			if n > 32 {
				n /= 8 // some producers give bits
			}
			switch d.Key("CFM").Name() {
			case "V2":
				return cryptRC4, n
			case "AESV2":
				return cryptAESV2, 16
			case "AESV3":
				return cryptAESV3, 32
			case "None":
				return cryptNone, 0
			}
			if v == 5 {
				return cryptAESV3, 32
			}
			return cryptRC4, n
		}
		var n1, n2 int
		s.stm, n1 = method(enc.Key("StmF").Name())
		s.str, n2 = method(enc.Key("StrF").Name())
		if n := max(n1, n2); n >= 5 && n <= 16 && v == 4 {
			keyLen = n
		} else if v == 4 {
			keyLen = 16
		}
	default:
		return ErrEncryption
	}
	o, u := []byte(enc.Key("O").RawString()), []byte(enc.Key("U").RawString())
	var id0 []byte
	if ids := r.Trailer().Key("ID"); ids.Len() > 0 {
		id0 = []byte(ids.Index(0).RawString())
	}
	perm := uint32(int32(enc.Key("P").Int64()))
	pws := []string{""}
	if password != "" {
		pws = append(pws, password)
	}
	if s.rev >= 5 {
		oe, ue := []byte(enc.Key("OE").RawString()), []byte(enc.Key("UE").RawString())
		if len(o) < 48 || len(u) < 48 {
			return ErrEncryption
		}
		for _, pw := range pws {
			if k := s.aes256Key([]byte(pw), o, u, oe, ue); k != nil {
				s.key = k
				r.sec = s
				return nil
			}
		}
		return ErrPassword
	}
	if len(o) < 32 || len(u) < 16 || keyLen < 5 || keyLen > 16 {
		return ErrEncryption
	}
	for _, pw := range pws {
		pad := padPassword(latin1(pw))
		if k := s.userKey(pad, o, u, perm, id0, keyLen); k != nil {
			s.key = k
			r.sec = s
			return nil
		}
		// As the owner password: it decrypts the user password out of /O.
		h := md5.Sum(pad)
		rk := h[:]
		if s.rev >= 3 {
			for i := 0; i < 50; i++ {
				h = md5.Sum(rk[:keyLen])
				rk = h[:]
			}
		}
		rk = rk[:keyLen]
		user := append([]byte(nil), o[:32]...)
		if s.rev == 2 {
			rc4xor(rk, user)
		} else {
			k := make([]byte, len(rk))
			for i := 19; i >= 0; i-- {
				for j := range rk {
					k[j] = rk[j] ^ byte(i)
				}
				rc4xor(k, user)
			}
		}
		if k := s.userKey(user, o, u, perm, id0, keyLen); k != nil {
			s.key = k
			r.sec = s
			return nil
		}
	}
	return ErrPassword
}

// latin1 converts a password to PDFDocEncoding bytes where it can.
func latin1(s string) []byte {
	var b []byte
	for _, r := range s {
		if r < 256 {
			b = append(b, byte(r))
		} else {
			return []byte(s)
		}
	}
	return b
}

func padPassword(pw []byte) []byte {
	out := make([]byte, 32)
	n := copy(out, pw)
	copy(out[n:], padding)
	return out
}

// userKey computes the file key from a padded user password (algorithm 2) and
// checks it against /U (algorithms 4 and 5); nil when it does not match.
func (s *security) userKey(pad, o, u []byte, perm uint32, id0 []byte, n int) []byte {
	h := md5.New()
	h.Write(pad)
	h.Write(o[:32])
	h.Write([]byte{byte(perm), byte(perm >> 8), byte(perm >> 16), byte(perm >> 24)})
	h.Write(id0)
	if s.rev >= 4 && !s.encryptMetadata {
		h.Write([]byte{0xff, 0xff, 0xff, 0xff})
	}
	key := h.Sum(nil)
	if s.rev >= 3 {
		for i := 0; i < 50; i++ {
			sum := md5.Sum(key[:n])
			key = sum[:]
		}
	}
	key = key[:n]
	if s.rev == 2 {
		x := append([]byte(nil), padding...)
		rc4xor(key, x)
		if len(u) >= 32 && bytes.Equal(x, u[:32]) {
			return key
		}
		return nil
	}
	h = md5.New()
	h.Write(padding)
	h.Write(id0)
	x := h.Sum(nil)
	rc4xor(key, x)
	k := make([]byte, n)
	for i := 1; i <= 19; i++ {
		for j := range key {
			k[j] = key[j] ^ byte(i)
		}
		rc4xor(k, x)
	}
	if bytes.Equal(x[:16], u[:16]) {
		return key
	}
	return nil
}

// aes256Key authenticates an AES-256 (revision 5 or 6) password and returns
// the file key, or nil.
func (s *security) aes256Key(pw, o, u, oe, ue []byte) []byte {
	if len(pw) > 127 {
		pw = pw[:127]
	}
	unwrap := func(ik, wrapped []byte) []byte {
		if len(wrapped) < 32 {
			return nil
		}
		blk, err := aes.NewCipher(ik)
		if err != nil {
			return nil
		}
		out := make([]byte, 32)
		cipher.NewCBCDecrypter(blk, make([]byte, 16)).CryptBlocks(out, wrapped[:32])
		return out
	}
	if bytes.Equal(s.hash(pw, u[32:40], nil), u[:32]) {
		return unwrap(s.hash(pw, u[40:48], nil), ue)
	}
	if bytes.Equal(s.hash(pw, o[32:40], u[:48]), o[:32]) {
		return unwrap(s.hash(pw, o[40:48], u[:48]), oe)
	}
	return nil
}

// hash is the revision 5 (SHA-256) or revision 6 (algorithm 2.B) password hash.
func (s *security) hash(pw, salt, udata []byte) []byte {
	h := sha256.New()
	h.Write(pw)
	h.Write(salt)
	h.Write(udata)
	k := h.Sum(nil)
	if s.rev < 6 {
		return k
	}
	for i := 0; ; i++ {
		var k1 []byte
		for j := 0; j < 64; j++ {
			k1 = append(k1, pw...)
			k1 = append(k1, k...)
			k1 = append(k1, udata...)
		}
		blk, err := aes.NewCipher(k[:16])
		if err != nil {
			return nil
		}
		e := make([]byte, len(k1))
		cipher.NewCBCEncrypter(blk, k[16:32]).CryptBlocks(e, k1)
		sum := 0
		for _, c := range e[:16] {
			sum += int(c)
		}
		var hh hash.Hash
		switch sum % 3 {
		case 0:
			hh = sha256.New()
		case 1:
			hh = sha512.New384()
		default:
			hh = sha512.New()
		}
		hh.Write(e)
		k = hh.Sum(nil)
		if i >= 63 && int(e[len(e)-1]) <= i-31 {
			break
		}
	}
	return k[:32]
}

func rc4xor(key, b []byte) {
	c, err := rc4.NewCipher(key)
	if err != nil {
		return
	}
	c.XORKeyStream(b, b)
}

// objectKey derives the key for one object (revisions 2 to 4).
func (s *security) objectKey(rf ref, aes bool) []byte {
	if s.rev >= 5 {
		return s.key
	}
	h := md5.New()
	h.Write(s.key)
	h.Write([]byte{byte(rf.id), byte(rf.id >> 8), byte(rf.id >> 16), byte(rf.gen), byte(rf.gen >> 8)})
	if aes {
		h.Write([]byte("sAlT"))
	}
	k := h.Sum(nil)
	n := len(s.key) + 5
	if n > 16 {
		n = 16
	}
	return k[:n]
}

func (s *security) decrypt(method int, rf ref, b []byte) []byte {
	switch method {
	case cryptRC4:
		out := append([]byte(nil), b...)
		rc4xor(s.objectKey(rf, false), out)
		return out
	case cryptAESV2, cryptAESV3:
		if len(b) < 32 || len(b)%16 != 0 {
			if len(b) >= 32 {
				b = b[:len(b)/16*16]
			} else {
				return nil
			}
		}
		blk, err := aes.NewCipher(s.objectKey(rf, method == cryptAESV2))
		if err != nil {
			return nil
		}
		out := make([]byte, len(b)-16)
		cipher.NewCBCDecrypter(blk, b[:16]).CryptBlocks(out, b[16:])
		if n := int(out[len(out)-1]); n >= 1 && n <= 16 && n <= len(out) {
			out = out[:len(out)-n]
		}
		return out
	}
	return b
}

func (s *security) decryptString(rf ref, b []byte) []byte { return s.decrypt(s.str, rf, b) }

func (s *security) decryptStream(rf ref, b []byte) []byte { return s.decrypt(s.stm, rf, b) }

// skipStream reports streams that are not encrypted: metadata when
// /EncryptMetadata is false, and streams with their own Identity crypt filter.
func (s *security) skipStream(hdr dict) bool {
	if hdr["Type"] == name("Metadata") && !s.encryptMetadata {
		return true
	}
	switch f := hdr["Filter"].(type) {
	case name:
		return f == "Crypt"
	case array:
		for _, x := range f {
			if x == name("Crypt") {
				return true
			}
		}
	}
	return false
}
