#!/usr/bin/env bash
# Writes assets/words/*.words.z: the word lists of ICU's break-iterator
# dictionaries for Thai, Lao, Khmer and Burmese (Unicode licence, see
# assets/words/LICENSE-ICU.txt), which the PDF brief uses to break lines
# between words of scripts written without spaces.
#
# Needs: apt-get install g++ libicu-dev pkg-config
# Usage: assets/internal/genwords/genwords.sh   (from the repository root)
set -euo pipefail
export LANG=en_US.UTF-8
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
g++ -O1 -o "$tmp/dump" assets/internal/genwords/icu/dump.cc $(pkg-config --cflags --libs icu-uc)
for pair in thai:thaidict lao:laodict khmer:khmerdict burmese:burmesedict; do
  "$tmp/dump" "${pair#*:}" > "$tmp/${pair%%:*}.txt"
  go run ./assets/internal/genwords -out "assets/words/${pair%%:*}.words.z" < "$tmp/${pair%%:*}.txt"
done
cp "/usr/share/icu/$(pkg-config --modversion icu-uc)/LICENSE" assets/words/LICENSE-ICU.txt
