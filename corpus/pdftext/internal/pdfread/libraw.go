package pdfread

import (
	"reflect"

	lpdf "github.com/ledongthuc/pdf"
)

// The library resolves references as it reads and keeps object numbers
// unexported; the interpreter needs them to load a font once per document,
// to stop a form that draws itself and to tell an absent entry from a
// reference to nothing. Reflection reads them (without unsafe, reading only):
// a value's object, the references a dictionary or array holds, and where a
// stream's data starts. TestLibraryInternals fails if a new version of the
// library changes these fields; until then a value whose fields cannot be
// read has ID 0 and no references, which costs speed, not text.
var libLayout = func() (l struct {
	ok                  bool
	ptr, data           int          // fields of pdf.Value
	objptr              reflect.Type // the library's object reference
	strmHdr, strmOff    string       // fields of its stream
	objptrID, objptrGen int          // fields of objptr
}) {
	t := reflect.TypeOf(lpdf.Value{})
	p, ok1 := t.FieldByName("ptr")
	d, ok2 := t.FieldByName("data")
	if !ok1 || !ok2 || p.Type.Kind() != reflect.Struct || p.Type.NumField() < 2 || d.Type.Kind() != reflect.Interface {
		return l
	}
	l.ptr, l.data, l.objptr = p.Index[0], d.Index[0], p.Type
	l.objptrID, l.objptrGen = 0, 1
	l.strmHdr, l.strmOff = "hdr", "offset"
	l.ok = p.Type.Field(0).Type.Kind() == reflect.Uint32 && p.Type.Field(1).Type.Kind() == reflect.Uint16
	return l
}()

// rawInfo is what reflection reads of a dictionary, array or stream.
type rawInfo struct {
	id    uint64            // the indirect object holding the value
	refs  map[string]uint64 // dictionary entries that are references
	items []uint64          // array elements' references (0: direct)
	off   int64             // where a stream's data starts in the file
}

// refID turns a library objptr (as a reflect.Value) into an identity.
func refID(p reflect.Value) uint64 {
	if !p.IsValid() || p.Type() != libLayout.objptr {
		return 0
	}
	id, gen := p.Field(libLayout.objptrID).Uint(), p.Field(libLayout.objptrGen).Uint()
	if id == 0 {
		return 0
	}
	return id<<16 | gen
}

// inspect reads a library value's object number and the references it holds.
func inspect(v lpdf.Value) (info rawInfo) {
	if !libLayout.ok {
		return info
	}
	defer func() {
		if recover() != nil {
			info = rawInfo{}
		}
	}()
	rv := reflect.ValueOf(v)
	info.id = refID(rv.Field(libLayout.ptr))
	data := rv.Field(libLayout.data)
	if data.Kind() == reflect.Interface {
		data = data.Elem()
	}
	if data.Kind() == reflect.Struct { // a stream
		if off := data.FieldByName(libLayout.strmOff); off.IsValid() && off.CanInt() {
			info.off = off.Int()
		}
		data = data.FieldByName(libLayout.strmHdr)
	}
	switch data.Kind() {
	case reflect.Map:
		it := data.MapRange()
		for it.Next() {
			e := it.Value()
			if e.Kind() == reflect.Interface {
				e = e.Elem()
			}
			if id := refID(e); id != 0 {
				if info.refs == nil {
					info.refs = map[string]uint64{}
				}
				info.refs[it.Key().String()] = id
			}
		}
	case reflect.Slice:
		for i := 0; i < data.Len(); i++ {
			e := data.Index(i)
			if e.Kind() == reflect.Interface {
				e = e.Elem()
			}
			if id := refID(e); id != 0 {
				if info.items == nil {
					info.items = make([]uint64, data.Len())
				}
				info.items[i] = id
			}
		}
	}
	return info
}
