#!/usr/bin/env bash
# Writes assets/fonts/*.ttf: subsets of Debian's fonts-noto-core (OFL) for the
# PDF brief. Noto Sans (four styles) keeps Latin with Vietnamese, Greek,
# Cyrillic, punctuation and symbols; Noto Sans Thai, Lao, Khmer and Myanmar
# (regular and bold) keep their script. Layout tables (GSUB, GPOS, GDEF) are
# subset with the glyphs, so shaping is unchanged for the kept characters;
# hinting and glyph names are dropped.
#
# Needs: apt-get install fonts-noto-core python3-fonttools
# Usage: assets/internal/genfonts/genfonts.sh   (from the repository root)
set -euo pipefail
export LANG=en_US.UTF-8
src=/usr/share/fonts/truetype/noto
out=assets/fonts
py=/usr/bin/python3
sub() { # font, unicodes
  "$py" -m fontTools.subset "$src/$1" --unicodes="$2" --name-IDs='*' --name-languages='*' \
    --notdef-outline --no-hinting --output-file="$out/$1"
}
latin="U+0000-024F,U+0259,U+02B0-036F,U+0370-03FF,U+0400-045F,U+0490-0491,U+1E00-1EFF,U+2000-206F,U+2070-20CF,U+2100-218F,U+2190-21FF,U+2200-22FF,U+25A0-25FF,U+2610-2612,U+2713-2717,U+FB00-FB06,U+FEFF,U+FFFD"
for st in Regular Bold Italic BoldItalic; do sub "NotoSans-$st.ttf" "$latin"; done
common="U+0020,U+00A0,U+200B-200D,U+2010-2011,U+25CC"
for st in Regular Bold; do
  sub "NotoSansThai-$st.ttf" "U+0E00-0E7F,$common"
  sub "NotoSansLao-$st.ttf" "U+0E80-0EFF,$common"
  sub "NotoSansKhmer-$st.ttf" "U+1780-17FF,U+19E0-19FF,$common"
  sub "NotoSansMyanmar-$st.ttf" "U+1000-109F,U+A9E0-A9FF,U+AA60-AA7F,$common"
done
ls -l "$out"
