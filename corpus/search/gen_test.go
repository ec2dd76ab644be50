package search

import (
	"fmt"
	"math/rand/v2"
	"strings"
)

// The benchmark corpus: research reports on labour trafficking, written from
// sentence templates whose slots are filled from topic vocabularies sampled
// with a Zipf distribution (a few words are common, most are rare), so term
// frequencies and posting-list lengths look like real report prose.

var genVocab = map[string][]string{
	"workers": {"migrant workers", "workers", "fishers", "domestic workers", "respondents", "women migrants", "returnees",
		"undocumented workers", "seasonal labourers", "factory workers", "construction workers", "plantation workers",
		"young men", "child workers", "interviewees", "crew members", "garment workers", "day labourers"},
	"actors": {"brokers", "recruitment agencies", "employers", "labour contractors", "sub-agents", "boat captains",
		"supervisors", "informal recruiters", "village intermediaries", "licensed agencies", "labour inspectors",
		"police officers", "local officials", "money lenders", "smugglers"},
	"practice": {"debt bondage", "passport retention", "wage withholding", "excessive overtime", "deception about wages",
		"contract substitution", "physical violence", "threats of denunciation", "confinement", "recruitment fees",
		"salary deductions", "restriction of movement", "forced overtime", "isolation at sea", "document confiscation",
		"sexual harassment", "unpaid wages", "charging of placement fees", "abusive living conditions"},
	"verbPast": {"reported", "described", "recalled", "stated", "explained", "said", "noted", "complained", "indicated", "confirmed"},
	"effect2": {"stopped paying wages", "withheld the final salary", "closed the factory", "reported the workers to the police",
		"refused to return the passport", "moved the crew to another vessel"},
	"effect": {"could not leave their employer", "were unable to repay their debts", "worked without a day off",
		"had no access to their documents", "received less than the minimum wage", "feared losing their visa status",
		"were moved between vessels at sea", "depended on the employer for housing", "could not contact their families",
		"were paid only at the end of the season", "borrowed money at high interest", "changed employers illegally"},
	"adj": {"widespread", "common", "systematic", "frequent", "persistent", "occasional", "severe", "hidden",
		"underreported", "informal", "coercive", "exploitative", "significant", "limited", "rare"},
	"finding": {"the prevalence of forced labour", "the role of intermediaries", "the cost of migration",
		"the effectiveness of inspections", "access to remedy", "the regulation of recruitment", "wage protection",
		"grievance mechanisms", "the vulnerability of migrants", "the impact of the reform", "the enforcement of labour law",
		"the reliance on informal networks", "indicators of trafficking", "the experiences of returnees"},
	"method": {"semi-structured interviews", "a household survey", "focus group discussions", "key informant interviews",
		"participant observation", "a review of court records", "administrative data", "a respondent-driven sample",
		"a mixed-methods design", "case studies", "a longitudinal panel", "life-history interviews"},
	"policy": {"the memorandum of understanding", "the new recruitment regulations", "the fisheries reform",
		"the employer-pays principle", "the national action plan", "the anti-trafficking law", "the visa scheme",
		"the registration amnesty", "the minimum wage order", "the port-in port-out inspections", "the labour code"},
	"place": {"the destination country", "border provinces", "the fishing ports", "the capital", "rural districts",
		"the export processing zone", "origin villages", "the construction sites", "the plantations", "the shelters",
		"transit towns", "the recruitment centres"},
	"currency": {"dollars", "baht", "ringgit", "kyat", "dong", "riel", "kip"},
}

var genCountries = []string{"Thailand", "Myanmar", "Cambodia", "Viet Nam", "Lao PDR", "Malaysia", "Indonesia",
	"Philippines", "Bangladesh", "Nepal", "India", "Qatar", "Saudi Arabia", "Hong Kong", "Taiwan", "Singapore"}
var genSectors = []string{"fishing", "construction", "agriculture", "domestic work", "manufacturing", "garments",
	"seafood processing", "palm oil", "hospitality", "brick kilns", "mining", "sex industry"}
var genMethods = []string{"qualitative", "quantitative", "mixed", "review"}
var genRigor = []string{"high", "medium", "low", ""}
var genCodes = []string{"debt bondage", "deception", "recruitment fees", "document retention", "wage theft",
	"excessive overtime", "violence", "threats", "isolation", "restricted movement", "child labour",
	"access to remedy", "inspection", "policy reform", "gender", "health", "housing", "family", "resilience",
	"return and reintegration", "complicity of officials", "unionisation", "grievance", "training", "trafficking"}

var genTemplates = []string{
	"Most {workers} {verbPast} that {actors} {effect}.",
	"{Practice} was {adj} among {workers} in {place}, according to {method}.",
	"In {country}, {actors} were found to rely on {practice} to retain {workers}.",
	"Several {workers} {verbPast} paying between {num} and {num2} {currency} in recruitment fees before departure.",
	"The study examined {finding} through {method} with {num} {workers}.",
	"{Actors} often {verbPast} that {policy} had changed little in {place}.",
	"These findings suggest that {practice} remains {adj} despite {policy}.",
	"Of the {num} {workers} interviewed, {pct} percent {effect}.",
	"{Workers} from {country} {verbPast} {practice} by {actors} in {place}.",
	"Our analysis of {finding} shows that {practice} and {practice2} frequently occur together.",
	"Interviews with {actors} in {place} revealed {adj} {practice}.",
	"As one respondent explained, the {actors} {effect} because of {practice}.",
	"The evidence on {finding} in the {sector} sector is {adj} and largely based on {method}.",
	"Since {year}, {policy} has required {actors} to register {workers}, but enforcement is {adj}.",
	"{Workers} who {effect} were more likely to experience {practice}.",
	"Table {num} summarises {finding} by sex, age and {sector} employment.",
	"Labour inspectors visited {place} but rarely identified {practice}.",
	"Previous research on {finding} in {country} has focused on {sector}.",
	"{Name}, a {age}-year-old respondent from {district}, {verbPast} that {actors} {effect}.",
	"In {district} district, {actors} recruited {workers} through {practice}.",
	"{Name} left {district} in {year} and worked in {sector} until the employer {effect2}.",
	// background, methods and context sentences without a practice
	"The remainder of this chapter describes {finding} in more detail.",
	"Data collection took place between {year} and {year2} in {num} sites.",
	"The sample included {num} {workers} and {num2} {actors}.",
	"Ethical approval was obtained from the university review board, and all names are pseudonyms.",
	"Limitations of this study include the small sample and the reliance on self-reported data.",
	"Figure {num} shows the distribution of monthly wages by sector and sex.",
	"Government agencies in {country} have adopted {policy} as part of wider labour migration reforms.",
	"Remittances sent to {district} supported household consumption and the education of children.",
	"Trade unions and civil society organisations provided legal aid in {place}.",
	"Average monthly income was {num} {currency}, with large differences between sectors.",
	"The interviews lasted between 45 and 90 minutes and were conducted in the respondents' own language.",
	"Most respondents had completed primary education, and few spoke the language of {country}.",
	"Employers argued that shortages of local labour made migrant recruitment unavoidable.",
	"Previous studies have estimated the migrant workforce in {country} at {num} thousand people.",
	"{Name} described the journey from {district} to {place} as long and expensive.",
	"Social networks of relatives and friends shaped decisions about where and when to migrate.",
	"The {sector} sector employs large numbers of migrants on short-term contracts.",
	"Enforcement agencies lacked interpreters, which limited the identification of victims.",
	"Section {num} discusses the implications for policy and practice.",
	"Seasonal demand in {sector} meant that {workers} moved between employers several times a year.",
	"We recommend that {policy} be extended to {workers} in {sector}.",
	"{Practice} and {practice2} are indicators of forced labour under the ILO definition.",
}

// Syllables for district names and pseudonyms: thousands of rare proper
// nouns, as in real reports, next to the common topic words.
var genSyllables = []string{"ban", "nong", "khao", "mae", "sai", "phu", "kham", "tha", "chiang", "lam", "pak",
	"kyauk", "myit", "taung", "hlaing", "phnom", "kampong", "svay", "prey", "long", "xuan", "dong", "binh",
	"hoa", "luang", "vang", "muang", "sok", "dara", "thi", "aung", "win", "mya", "san", "nu", "ratha", "vanna"}

var genDistricts, genNames = genProperNouns(3000, 7), genProperNouns(1500, 11)

func genProperNouns(n int, seed uint64) []string {
	r := rand.New(rand.NewPCG(seed, seed))
	out := make([]string, n)
	for i := range out {
		k := 2 + r.IntN(2)
		var b strings.Builder
		for j := 0; j < k; j++ {
			b.WriteString(genSyllables[r.IntN(len(genSyllables))])
		}
		out[i] = capitalise(b.String())
	}
	return out
}

// genZipf samples indexes into lists of every length with one Zipf
// distribution per length.
type genZipf struct {
	r  *rand.Rand
	zs map[int]*rand.Zipf
}

func (g *genZipf) pick(list []string) string {
	z, ok := g.zs[len(list)]
	if !ok {
		z = rand.NewZipf(g.r, 1.15, 2, uint64(len(list)-1))
		g.zs[len(list)] = z
	}
	return list[z.Uint64()]
}

func capitalise(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// genStudy is one generated study: metadata and pages.
type genStudy struct {
	info  StudyInfo
	pages []string
}

// genCorpus generates nStudies studies of pagesPer pages each, the same for
// the same seed.
func genCorpus(nStudies, pagesPer int, seed uint64, each func(genStudy) bool) {
	r := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	g := &genZipf{r: r, zs: map[int]*rand.Zipf{}}
	for s := 0; s < nStudies; s++ {
		countries := []string{g.pick(genCountries)}
		if r.IntN(3) == 0 {
			if c := g.pick(genCountries); c != countries[0] {
				countries = append(countries, c)
			}
		}
		sector := g.pick(genSectors)
		info := StudyInfo{
			GUID:      fmt.Sprintf("%08x-0000-4000-8000-%012x", s, seed),
			Title:     fmt.Sprintf("%s: %s in the %s sector of %s", capitalise(g.pick(genVocab["practice"])), capitalise(g.pick(genVocab["finding"])), sector, countries[0]),
			Authors:   []string{fmt.Sprintf("Author %d", r.IntN(300)), fmt.Sprintf("Author %d", r.IntN(300))},
			Year:      2000 + r.IntN(25),
			Countries: countries,
			Sectors:   []string{sector},
			Method:    genMethods[r.IntN(len(genMethods))],
			Rigor:     genRigor[r.IntN(len(genRigor))],
			Lang:      "en",
			Script:    ScriptLatin,
		}
		st := genStudy{info: info}
		for p := 0; p < pagesPer; p++ {
			st.pages = append(st.pages, genPage(r, g, info, p))
		}
		if !each(st) {
			return
		}
	}
}

// genPage writes one page of 4-6 paragraphs of 4-7 sentences (~2,500 code points).
func genPage(r *rand.Rand, g *genZipf, info StudyInfo, p int) string {
	var b strings.Builder
	if p%12 == 0 {
		fmt.Fprintf(&b, "%d. %s\n\n", p/12+1, capitalise(g.pick(genVocab["finding"])))
	}
	paras := 4 + r.IntN(3)
	for i := 0; i < paras; i++ {
		if i > 0 {
			b.WriteString("\n\n")
		}
		n := 4 + r.IntN(4)
		for k := 0; k < n; k++ {
			if k > 0 {
				b.WriteByte(' ')
			}
			b.WriteString(genSentence(r, g, info))
		}
	}
	fmt.Fprintf(&b, "\n\n%d", p+1)
	return b.String()
}

func genSentence(r *rand.Rand, g *genZipf, info StudyInfo) string {
	t := genTemplates[r.IntN(len(genTemplates))]
	var b strings.Builder
	for {
		i := strings.IndexByte(t, '{')
		if i < 0 {
			b.WriteString(t)
			break
		}
		j := strings.IndexByte(t[i:], '}') + i
		b.WriteString(t[:i])
		slot := t[i+1 : j]
		key := strings.TrimRight(strings.ToLower(slot[:1])+slot[1:], "2")
		var v string
		switch key {
		case "num":
			v = fmt.Sprint(2 + r.IntN(800))
		case "pct":
			v = fmt.Sprint(5 + r.IntN(90))
		case "year":
			v = fmt.Sprint(1995 + r.IntN(info.Year-1994))
		case "country":
			v = info.Countries[r.IntN(len(info.Countries))]
			if r.IntN(4) == 0 {
				v = g.pick(genCountries)
			}
		case "age":
			v = fmt.Sprint(16 + r.IntN(40))
		case "district":
			v = g.pick(genDistricts)
		case "name":
			v = g.pick(genNames)
		case "sector":
			v = info.Sectors[0]
		default:
			v = g.pick(genVocab[key])
		}
		if slot[0] >= 'A' && slot[0] <= 'Z' {
			v = capitalise(v)
		}
		b.WriteString(v)
		t = t[j+1:]
	}
	return b.String()
}

// genCodes picks the codes applied inside a chunk: none for most chunks.
func genChunkCodes(r *rand.Rand, g *genZipf) []string {
	if r.IntN(3) != 0 {
		return nil
	}
	codes := []string{g.pick(genCodes)}
	if r.IntN(3) == 0 {
		if c := g.pick(genCodes); c != codes[0] {
			codes = append(codes, c)
		}
	}
	return codes
}
