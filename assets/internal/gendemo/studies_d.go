package main

import (
	"time"

	"github.com/evidence-workbench/workbench/assets"
)

func studyDomesticWages() study {
	return study{
		meta: assets.DemoStudy{
			File:            "08-thailand-myanmar-domestic-wages.pdf",
			Title:           "Wages Withheld: A Survey of Myanmar Domestic Workers in Chiang Mai",
			Authors:         []string{"Nang Seng Hom", "David Whitfield"},
			Organisation:    "Northern Migrant Workers Support Association",
			Year:            2019,
			Countries:       []string{"Thailand", "Myanmar"},
			Sectors:         []string{"Domestic work"},
			Method:          "Cross-sectional survey (convenience sample)",
			SampleSize:      150,
			Population:      "Women from Myanmar (mainly Shan State) working as domestic workers in Chiang Mai",
			Language:        "English",
			PublicationType: "Working paper",
			Publisher:       "Northern Migrant Workers Support Association, Chiang Mai",
		},
		month: time.December,
		short: "Wages Withheld",
		abstract: "Thousands of women from Shan State work in private homes in Chiang Mai. " +
			"This working paper reports a survey of 150 domestic workers from Myanmar contacted at Sunday gatherings, temples and the Association's office. " +
			"Over half had experienced late or withheld wages, a third did not hold their own identity documents, and one in five was not allowed to leave the house on her day off. " +
			"We call for written contracts, wages paid into workers' own bank accounts and inclusion of domestic workers in labour inspection.",
		sections: []section{
			{"Introduction", []string{
				"Domestic work in Thailand is covered by a ministerial regulation that grants a weekly day off and paid holidays, but it excludes domestic workers from the minimum wage and from most inspection. Migrant domestic workers from Myanmar are therefore among the least protected workers in the country.",
				"{{Research questions stated|This paper documents wage practices and control of documents in domestic work}} among women from Myanmar in Chiang Mai, to inform the Association's advocacy.",
			}},
			{"Methods", []string{
				"A short questionnaire in Shan and Burmese was completed with the help of volunteers. {{Sampling explained|Respondents were approached at places where domestic workers meet on Sundays}}, including two temples, a market and a park, and at the Association's office. This is a convenience sample and women who are never allowed out are not included.",
				"{{Informed consent and do-no-harm|The purpose of the survey was explained and women could decline.}} The paper does not report how many women declined or whether the survey was reviewed by an ethics committee.",
				"Answers were entered in a spreadsheet and counted. Percentages are of the 150 respondents unless stated otherwise.",
			}},
			{"Findings", []string{
				"Respondents were aged 17 to 52 and had worked in Chiang Mai for a median of four years. {{Domestic work|Most lived in their employer's home and cared for children or elderly people}} as well as doing housework.",
				"{{Wage withholding|Eighty-three women (55 percent) had received their wages late or not at all}} at least once in the past year. Twenty-four said the employer kept part of their wages each month to be paid when they returned home.",
				"> {{Wage withholding|She says she will give me everything at the end of the year. I have not seen it yet.}} ~~ domestic worker, 26, from Shan State",
				"{{Document confiscation|Fifty-one women (34 percent) said their employer held their passport}} or pink card. Most said they had not been asked.",
				"{{Restricted movement|Thirty-one women said they could not leave the house even on a day off}}, and 22 were not allowed to keep a mobile phone.",
				"> {{Restricted movement|I can go out only with madam, to the market. On Sunday I must stay home.}} ~~ domestic worker, 18",
				"Women who did not hold their own documents were more likely to report withheld wages. Many respondents did not know that domestic workers are entitled to a weekly day off.",
			}},
			{"Limitations", []string{
				"The survey used a convenience sample and the results cannot be generalised to all Myanmar domestic workers in Chiang Mai. Women in the most restrictive situations were probably missed.",
			}},
			{"Recommendations", []string{
				"Employers should be required to give written contracts and pay wages monthly into workers' own accounts; retention of documents by employers should be prohibited and enforced; and domestic work should be brought within the scope of labour inspection and the minimum wage, in line with ILO Convention No. 189.",
			}},
		},
		refs: []string{refC189, refILOInd, "Ministry of Labour, Thailand (2012). Ministerial Regulation No. 14 (B.E. 2555) on the Protection of Domestic Workers. Bangkok."},
	}
}

func studyVientianeConstruction() study {
	return study{
		meta: assets.DemoStudy{
			File:            "09-lao-construction-vientiane.pdf",
			Title:           "Building the City: Labour Conditions of Lao and Vietnamese Workers on Vientiane Construction Sites",
			Authors:         []string{"Bounmy Phommachanh", "Le Hoang Anh", "Sarah McAllister"},
			Organisation:    "Mekong Labour Mobility Observatory",
			Year:            2021,
			Countries:       []string{"Lao PDR", "Viet Nam"},
			Sectors:         []string{"Construction"},
			Method:          "Mixed methods: site observation and semi-structured interviews",
			SampleSize:      46,
			Population:      "Lao and Vietnamese construction workers, team leaders and site managers in Vientiane",
			Language:        "English",
			PublicationType: "Policy brief",
			Publisher:       "Mekong Labour Mobility Observatory, Vientiane",
		},
		month: time.October,
		short: "Building the City",
		abstract: "Vientiane's building boom relies on Lao workers from the provinces and on Vietnamese workers brought in by subcontractors. " +
			"This brief draws on observation at eight construction sites and interviews with 46 workers, team leaders and managers. " +
			"Vietnamese workers were frequently recruited with debts and held no work permits; both groups worked long hours with little safety equipment. " +
			"Wages were often paid in lump sums at the end of a contract. The brief sets out policy options for the Ministry of Labour and Social Welfare.",
		sections: []section{
			{"Context", []string{
				"Construction in Vientiane has grown rapidly with investment in housing, hotels and infrastructure. Larger projects are often managed by foreign firms that use subcontractors from their own countries, including teams of Vietnamese workers who enter on tourist visas.",
				"{{Research questions stated|The brief asks what labour conditions construction workers in Vientiane face}}, how they differ between Lao and Vietnamese workers, and which policy levers could improve them.",
			}},
			{"Methods", []string{
				"{{Design and methods described|Researchers observed eight sites on two days each and interviewed 46 people}}: 21 Lao workers, 17 Vietnamese workers, 5 team leaders and 3 site managers. Interviews were conducted in Lao or Vietnamese by team members who speak the language.",
				"{{Sampling explained|Workers were approached during breaks with the permission of the site manager}}, which may have discouraged some from speaking openly. Sites were chosen to vary in size and type of project. Oral consent was obtained and no names were recorded.",
				"Notes were analysed by the three authors together, comparing the accounts of Lao and Vietnamese workers.",
			}},
			{"Findings", []string{
				"{{Construction|Workers on high-rise sites worked 10 to 12 hours a day}}, and few wore harnesses. Most Lao workers went home to their villages for the rice harvest, while Vietnamese workers stayed on site for the whole contract.",
				"Vietnamese workers had been recruited in Nghe An and Ha Tinh provinces by team leaders who paid their travel and visa costs.",
				"> {{Debt bondage|The team leader paid for the bus and the visa. We work three months to pay him back.}} ~~ Vietnamese worker, 23, from Nghe An",
				"{{Document confiscation|Team leaders kept the passports of Vietnamese workers on all four sites}} that employed them, saying this protected workers during police checks. Without work permits, Vietnamese workers rarely left the site.",
				"> {{Restricted movement|We stay inside the site. If the police see us outside they will fine us.}} ~~ Vietnamese worker, 30",
				"{{Wage withholding|Wages were often paid only when a contract ended}}, with small advances for food. Lao workers reported fewer debts but also described delays in payment when subcontractors were themselves unpaid.",
			}},
			{"Limitations", []string{
				"{{Limitations acknowledged|The brief relies on a small number of sites and interviews held at work}}, so it gives an indication of problems rather than their scale.",
			}},
			{"Policy options", []string{
				"The Ministry could require main contractors to register all workers on site, extend labour inspection to construction sites at night and on weekends, prohibit retention of passports by employers and team leaders, and create a regular channel for Vietnamese construction workers that does not depend on tourist visas.",
				"Bilateral cooperation with Viet Nam on recruitment, including licensing of team leaders and information for workers before departure, would address the source of recruitment debts.",
			}},
		},
		refs: []string{refILOInd, refCOMMIT, "Government of Lao PDR (2013). Labour Law, No. 43/NA. Vientiane.", "Nguyen, V. M. and Tran, T. L. (2018). Working on credit: labour conditions of internal migrant construction workers in Hanoi. Journal of Mekong Labour Studies."},
	}
}

func studyJusticeCaseFiles() study {
	return study{
		meta: assets.DemoStudy{
			File:            "10-vietnam-access-to-justice-case-files.pdf",
			Title:           "Access to Justice for Victims of Labour Trafficking in Viet Nam: A Review of Court Case Files",
			Authors:         []string{"Pham Thu Ha", "Jonas Weber", "Do Quang Huy"},
			Organisation:    "Hanoi Centre for Law and Human Rights Research",
			Year:            2023,
			Countries:       []string{"Viet Nam", "Cambodia", "Lao PDR"},
			Sectors:         []string{"Domestic work", "Construction"},
			Method:          "Case-file review with key informant interviews",
			SampleSize:      76,
			Population:      "64 first-instance court case files on trafficking for labour exploitation (2016-2021) and 12 interviews with lawyers, judges and victim support staff",
			Language:        "English",
			PublicationType: "Journal article",
			Publisher:       "Southeast Asian Law and Society Review",
		},
		month: time.April,
		short: "Access to Justice in Viet Nam",
		abstract: "Prosecutions for trafficking in Viet Nam have focused on sexual exploitation and forced marriage. " +
			"This article reviews 64 court case files on trafficking for labour exploitation decided between 2016 and 2021, involving victims exploited in domestic work and construction in Viet Nam, Cambodia and Lao PDR, " +
			"and 12 interviews with lawyers, judges and support staff. " +
			"Victims rarely took an active part in proceedings, compensation was ordered in under half of the cases and paid in few, and legal aid was seldom provided. " +
			"We propose procedural reforms to make victims' rights in criminal proceedings effective.",
		sections: []section{
			{"Introduction", []string{
				"Viet Nam's Penal Code criminalises trafficking in persons in Articles 150 and 151, and the Law on Prevention and Suppression of Human Trafficking grants victims rights to protection, assistance and compensation. Whether victims of labour trafficking can use these rights in practice has not been studied.",
				"{{Research questions stated|We asked how courts deal with victims of labour trafficking}}: whether victims took part in proceedings, whether compensation was ordered and paid, and what helped or hindered their access to justice.",
			}},
			{"Methods", []string{
				"{{Sampling explained|We requested all first-instance judgments on labour trafficking from 2016 to 2021}} from the courts of eight provinces with the most trafficking cases; 64 case files were provided, which court officials told us were all such cases. We do not know how many cases in other provinces were omitted.",
				"A structured extraction form recorded the facts, the sector and country of exploitation, the victims' participation, legal representation, the charges, the sentence and any compensation order. {{Analysis transparent|Two researchers extracted each file independently and compared results}}; discrepancies in 7 of 64 files were resolved by the third author.",
				"{{Trafficking defined in line with the Palermo Protocol|Cases were included where the facts showed an act, a means and an exploitative purpose}}, as in the Palermo Protocol, whatever article the prosecution used, so that cases charged under other offences were not missed.",
				"Twelve key informants were interviewed about the practice behind the files. {{Confidentiality and data protection|Victims' names were never extracted from the files}} and files were read on court premises. The research was approved by the Centre's ethics board, and informants gave written consent.",
			}},
			{"Findings", []string{
				"{{Domestic work|Forty cases concerned domestic work, mostly girls placed in households}} in Ho Chi Minh City or across the border in Cambodia; 24 concerned construction or brick kilns, including workers taken to Lao PDR. In all, the 64 cases involved 211 victims.",
				"{{Access to justice|Victims testified in person in only 19 of the 64 cases}}, and none had a lawyer of their own. Several judges said victims were reluctant to travel to court or to face defendants from their own community.",
				"> {{Access to justice|Nobody explains to her that she can claim damages.}} The victim is only a witness for the prosecution. ~~ defence lawyer, Ho Chi Minh City",
				"{{Findings supported by data|Compensation was ordered in 29 of 64 cases and fully paid in 6}}, according to the enforcement records attached to the files. Amounts covered unpaid wages in some cases but rarely medical or psychological harm.",
				"Victims exploited abroad faced additional obstacles: evidence had to be gathered through mutual legal assistance, and victims had often been repatriated before an investigation began.",
				"> {{Referral and assistance|After the shelter she went back to her village and we lost contact}}, so she was not at the trial. ~~ shelter social worker, Tay Ninh",
			}},
			{"Limitations", []string{
				"{{Limitations acknowledged|Case files record the court's view of events and omit what happened outside it}}; cases that were never prosecuted are invisible in this design. Eight provinces may not represent the country.",
			}},
			{"Conclusion", []string{
				"Victims' rights in criminal proceedings exist on paper but are seldom used. Free legal representation for victims, compensation from a state fund when offenders cannot pay, and remote testimony would make them effective.",
			}},
		},
		refs: []string{refPalermo, refCOMMIT, "National Assembly of Viet Nam (2011). Law on Prevention and Suppression of Human Trafficking, No. 66/2011/QH12. Hanoi.", "National Assembly of Viet Nam (2015). Penal Code, No. 100/2015/QH13. Hanoi."},
	}
}
