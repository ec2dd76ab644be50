// Dumps the words of an ICU break-iterator dictionary (brkitr/NAME.dict), one a
// line, as UTF-8. Built and run by ../genwords.sh against the system ICU.
#include <unicode/udata.h>
#include <unicode/bytestrie.h>
#include <unicode/ucharstrie.h>
#include <unicode/unistr.h>
#include <cstdio>
#include <string>
using namespace icu;
int main(int argc, char **argv) {
  UErrorCode err = U_ZERO_ERROR;
  UDataMemory *m = udata_open(U_ICUDATA_NAME U_TREE_SEPARATOR_STRING "brkitr", "dict", argv[1], &err);
  if (U_FAILURE(err)) { fprintf(stderr, "open %s: %s\n", argv[1], u_errorName(err)); return 1; }
  const int32_t *ix = (const int32_t *)udata_getMemory(m);
  int32_t off = ix[0], type = ix[4], transform = ix[5];
  const char *base = (const char *)ix;
  fprintf(stderr, "%s: type %d transform %x\n", argv[1], type, transform);
  if ((type & 7) == 0) {
    BytesTrie trie(base + off);
    BytesTrie::Iterator it(trie, 0, err);
    int32_t offset = transform & 0x1fffff;
    while (it.next(err)) {
      const StringPiece &sp = it.getString();
      UnicodeString u;
      for (int i = 0; i < sp.size(); i++) {
        uint8_t b = (uint8_t)sp.data()[i];
        UChar32 c = b == 0xff ? 0x200D : b == 0xfe ? 0x200C : offset + b;
        u.append(c);
      }
      std::string s; u.toUTF8String(s);
      printf("%s\n", s.c_str());
    }
  } else {
    UCharsTrie trie((const char16_t *)(base + off));
    UCharsTrie::Iterator it(trie, 0, err);
    while (it.next(err)) { std::string s; it.getString().toUTF8String(s); printf("%s\n", s.c_str()); }
  }
  if (U_FAILURE(err)) { fprintf(stderr, "iterate: %s\n", u_errorName(err)); return 1; }
  udata_close(m);
  return 0;
}
