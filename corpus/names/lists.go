package names

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

func set(words string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(words) {
		m[w] = true
	}
	return m
}

// orgWords mark a name as an organisation's.
var orgWords = set(`organization organisation office institute institut university université universidad
	foundation council agency ministry department international association network commission centre center
	bank group programme program project fund alliance coalition trust society committee service services
	federation union initiative forum watch inc ltd llc gmbh nations government unicef unodc unhcr unesco ilo
	iom oecd osce who undp unfpa asean world research consortium secretariat board bureau authority
	collective partnership`)

// particles belong to the family name that follows them ("van Beethoven").
var particles = set(`van von de da del della der den la le du dos das di bin binti al el ter ten`)

// suffixes follow a family name without being part of the citation.
var suffixes = set(`jr sr ii iii iv`)

// vietSurname are common Vietnamese family names, without diacritics.
var vietSurname = set(`nguyen tran le pham hoang huynh phan vu vo dang bui do ho ngo duong ly dinh dao trinh
	truong luong cao luu quach kieu trieu doan phung giang lai khuat thach ton vuong`)

// khmerSurname are common Khmer family names as romanised.
var khmerSurname = set(`chan sok keo prum meas chea heng hun lim nhem ouk pich seng suon tep chhun chhay
	chum khieu nuon oum srey chheng chhim hak hang kao khem khim leng mao neang ngin peou prak ros sao
	soeung sorn thach ung yos yim yun sim`)

// chineseSurname are common Chinese family names as romanised (pinyin and
// Cantonese spellings).
var chineseSurname = set(`wang li zhang liu chen yang huang zhao wu zhou xu sun ma zhu hu guo he lin gao luo zheng
	liang xie song tang han feng deng cao peng zeng xiao tian dong pan yuan cai jiang yu du ye cheng wei su lu ding
	ren shen yao jin fu zhong lee wong cheung leung lau ng kwok tsang`)

// hanCompound are two-character Chinese family names.
var hanCompound = set(`欧阳 歐陽 司马 司馬 上官 诸葛 諸葛 东方 東方 皇甫 尉迟 尉遲 公孙 公孫 令狐 慕容 夏侯 长孙 長孫`)

// burmeseHonorific open a Burmese (or Shan, Karen, Mon) name.
var burmeseHonorific = set(`daw u ko maung mg ma saw naw nang sai khun mi nan sao`)

// burmeseSyllable are syllables of romanised Burmese names.
var burmeseSyllable = set(`aung kyaw myint thura hlaing htun tun win hnin zaw naing soe moe thant thein khin su
	nyein phyo thiha min htet myat yadanar thet wai wah lwin oo maung thu nyunt htay hla myo nyi nay lin zin mar
	yin ei phyu khaing thida sandar ye htoo paing thaw kyi pyae sone sein tin than thwe swe mya may chit ko
	yan naung shwe wint yee khine nwe lay noe thuzar nandar cho chaw hsu hsan zar zayar kaung set pyi bo ohn
	kyaing hnin wint ngwe thin mon seng hom hseng kham pyone theingi thandar eaindra khaing zeya kyu ma daw
	hnin ni thaung myaing htwe sanda`)

// stripMarks removes diacritics ("Nguyễn" -> "nguyen", "Đặng" -> "dang").
func stripMarks(s string) string {
	var b strings.Builder
	for _, r := range norm.NFD.String(s) {
		switch {
		case unicode.Is(unicode.Mn, r):
		case r == 'đ' || r == 'Đ':
			b.WriteByte('d')
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}
