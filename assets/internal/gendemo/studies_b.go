package main

import (
	"time"

	"github.com/evidence-workbench/workbench/assets"
)

func studyFishingCrew() study {
	return study{
		meta: assets.DemoStudy{
			File:            "02-thailand-fishing-myanmar-crew.pdf",
			Title:           "Hidden Decks: Forced Labour Indicators among Myanmar Fishers in Thailand's Long-Haul Fishing Fleet",
			Authors:         []string{"Thura Aung", "Rebecca Okafor"},
			Organisation:    "Andaman Coast Labour Rights Foundation",
			Year:            2019,
			Countries:       []string{"Thailand", "Myanmar"},
			Sectors:         []string{"Fishing and seafood processing"},
			Method:          "Qualitative: semi-structured interviews",
			SampleSize:      41,
			Population:      "Myanmar men who had worked as crew on Thai-flagged long-haul fishing vessels in the previous three years",
			Language:        "English",
			PublicationType: "NGO report",
			Publisher:       "Andaman Coast Labour Rights Foundation, Ranong",
		},
		month: time.September,
		short: "Hidden Decks",
		abstract: "Reforms to Thailand's fishing sector since 2015 introduced port inspections, electronic payment and crew registration. " +
			"This report examines whether those reforms reached Myanmar crew on long-haul vessels that stay at sea for months. " +
			"We interviewed 41 Myanmar fishers in Ranong and Kawthaung. Most had been recruited by brokers who charged fees deducted from future wages, " +
			"and many described shifts of 18 to 20 hours during hauling, physical abuse by skippers and no means of contacting family while at sea. " +
			"Port-in port-out inspections rarely involved private interviews with crew. The findings indicate that isolation at sea continues to undermine the reforms.",
		sections: []section{
			{"Introduction", []string{
				"Long-haul fishing combines the features that make forced labour hard to detect: workers are isolated at sea, depend on the vessel for food and water, and often hold documents arranged by a broker. Earlier investigations prompted wide-ranging reforms, but independent evidence about their effect on crew is limited.",
				"{{Research questions stated|This report asks whether the reforms changed the experience of Myanmar crew at sea}}, which practices of recruitment and control persist, and how crew experience inspections in port.",
			}},
			{"Methods", []string{
				"We conducted semi-structured interviews in Burmese with men who had worked on long-haul vessels. The interview guide covered recruitment, payment, working conditions, treatment on board, documents and contact with inspectors. It was reviewed by two former fishers before use.",
				"{{Sampling explained|Participants were recruited by snowball sampling from three starting points}}: a migrant workers' association in Ranong, a clinic in Kawthaung and a fishers' drop-in centre. To limit the clustering that snowball samples produce, each participant could refer no more than two others. Men who had left a vessel less than one month before were not interviewed because of the risk of retaliation. Interviewing stopped at 41 participants, when new interviews no longer added codes.",
				"{{Informed consent and do-no-harm|Interviewers explained that participants could stop at any time}} and that taking part would not affect any services they received. Consent was oral and recorded on a separate sheet. Ethical approval was obtained from an independent review board. Participants were compensated for lost working time. Names of vessels and skippers were removed from transcripts.",
				"We used the Palermo Protocol definition and classified an account as trafficking for forced labour where recruitment involved deception or abuse of vulnerability and the work was exacted under menace of penalty. {{Analysis transparent|Transcripts were coded in NVivo against a framework of ILO indicators}}, with new codes added inductively; a second analyst coded a quarter of the transcripts.",
			}},
			{"Findings", []string{
				"Thirty-four of the 41 men had been recruited through brokers in Myanmar or in Thai ports. Fees of 15,000 to 30,000 baht were typically deducted from wages over the first months at sea. Several men said they had been told they would work on a coastal boat and return every few days.",
				"> {{Recruitment and deception|They said two weeks at sea, then back to port. We were out for nine months.}} ~~ fisher, 24, recruited in Kawthaung",
				"{{Fishing and seafood processing|Hauling could continue for 20 hours when fish were plentiful}}, with sleep taken in short breaks on deck. Twenty-two men described being hit or kicked by a skipper or senior crew member, and eleven had seen another fisher seriously injured.",
				"> {{Violence and abuse|If you are slow the captain hits you with whatever he has in his hand.}} ~~ fisher, 31, eight months at sea",
				"Isolation was the strongest theme. Men on vessels that transhipped their catch at sea could stay away from port for most of a year, and only a minority had any way to contact family. {{Restricted movement|Twenty-nine men said they could not leave the vessel when they wished}}, either because it did not return to port or because the skipper held their documents.",
				"{{Wage withholding|ATM cards were often held by the broker until the fee was repaid}}, although electronic wage payment had been introduced for most participants. Crew described port-in port-out inspections as brief checks of documents in the presence of the skipper.",
				"> {{Victim identification|The officer looked at our papers and counted us. Nobody asked how we were treated.}} ~~ fisher, 36, interviewed in Ranong",
			}},
			{"Limitations", []string{
				"The sample was drawn from men who had returned to port and were in contact with support organisations, so those still at sea or working for the most isolated vessels are not represented. {{Limitations acknowledged|Recall of events up to three years earlier may be imprecise}}. Because of the qualitative design, the counts reported here describe this sample and are not prevalence estimates.",
			}},
			{"Recommendations", []string{
				"Inspections should include private interviews with crew away from the vessel and skipper, transhipment at sea should be limited, and crew should hold their own payment cards and documents at all times.",
			}},
		},
		refs: []string{refPalermo, refILOInd, refP29, refWHO},
	}
}

func studyLaoDomestic() study {
	return study{
		meta: assets.DemoStudy{
			File:            "03-lao-domestic-workers-bangkok.pdf",
			Title:           "Behind Closed Doors: Young Women from Lao PDR in Domestic Work in Bangkok",
			Authors:         []string{"Khamla Vongsay"},
			Organisation:    "Graduate School of Social Development, Chao Phraya University",
			Year:            2020,
			Countries:       []string{"Lao PDR", "Thailand"},
			Sectors:         []string{"Domestic work"},
			Method:          "Qualitative: semi-structured interviews",
			SampleSize:      28,
			Population:      "Women from Lao PDR aged 16 to 30 working or recently working as live-in domestic workers in Bangkok",
			Language:        "English",
			PublicationType: "Master's thesis",
			Publisher:       "Chao Phraya University",
		},
		month: time.June,
		short: "Behind Closed Doors",
		abstract: "Live-in domestic work is one of the main occupations of young Lao women in Thailand. Because it takes place in private homes, it is rarely inspected. " +
			"This thesis draws on interviews with 28 Lao women who worked as live-in domestic workers in Bangkok to describe how they found their jobs, " +
			"their working conditions and the forms of control they experienced. " +
			"Many worked very long hours without a day off and were discouraged from leaving the house; some had their documents kept by the employer. " +
			"The thesis argues that the isolation of the household, rather than open coercion, is the main mechanism of control.",
		sections: []section{
			{"Introduction", []string{
				"Thai and Lao are closely related languages, and Lao women can find domestic work in Thailand through relatives and acquaintances without formal recruitment. This ease of entry hides the vulnerability of girls and young women who live in their employers' homes, often without a contract or legal status.",
				"The thesis explores how young Lao women experience live-in domestic work in Bangkok and which conditions make exploitation more likely.",
			}},
			{"Methods", []string{
				"{{Sampling explained|Participants were found through friends, a church group and two NGOs}} in Bangkok and through the author's own contacts in Savannakhet. Women aged 16 to 30 with at least three months of live-in domestic work were eligible. Twenty-eight women were interviewed, four of them aged 16 or 17. This was a qualitative study using semi-structured interviews.",
				"Interviews were held in Lao, in cafes or at the NGO offices, on the women's day off where they had one. {{Informed consent and do-no-harm|For participants under 18, consent was also sought from an NGO guardian}}. The research was approved by the faculty ethics committee. Interviews were recorded with permission and transcribed and translated by the author.",
				"The analysis followed the six phases of thematic analysis described by Braun and Clarke. Codes were developed by the author alone and discussed with the thesis supervisor.",
			}},
			{"Findings", []string{
				"Most women found their first job through a relative or a woman from their village who already worked in Bangkok. A few paid an informal agent. Few had a written contract, and most were told only the monthly pay.",
				"{{Domestic work|Women typically worked from five in the morning until ten or eleven at night}}, cleaning, cooking and caring for children or older people. Only nine of the 28 had a regular day off.",
				"> {{Working and living conditions|I sleep in the kitchen. When the baby cries at night, madam calls me.}} ~~ domestic worker, 19, from Savannakhet",
				"Employers often discouraged the women from going out, saying that the police would arrest them or that Bangkok was dangerous. {{Restricted movement|Some women were locked in when the family went away}}. Seven women said the employer kept their passport or border pass.",
				"> {{Document confiscation|Madam said she keeps my passport so it does not get lost.}} ~~ domestic worker, 22",
				"Violence was reported less often than isolation, but four women described being slapped or shouted at, and two described sexual harassment by a male family member. Several women had their first month's pay withheld as a deposit.",
				"> {{Violence and abuse|When I broke a glass she hit me and took the money from my salary.}} ~~ domestic worker, 17",
				"Few of the women thought of themselves as victims. They compared their situation with that of friends who had worse employers and were reluctant to approach the authorities because of their irregular status.",
			}},
			{"Limitations", []string{
				"{{Limitations acknowledged|The sample is small and women in the worst situations could not be reached}}, since they had no time off to meet the researcher. Translation by the author alone may have introduced bias.",
			}},
			{"Conclusion", []string{
				"Protecting live-in domestic workers requires guaranteed days off, access to mobile phones and outreach that reaches women inside private homes, as well as a route to regular status that does not depend on the employer.",
			}},
		},
		refs: []string{refC189, refBraun, refPalermo, "Vongsay, K. (2018). Migration of young women from southern Lao PDR: a review. Working paper, Chao Phraya University."},
	}
}

func studyVietConstruction() study {
	return study{
		meta: assets.DemoStudy{
			File:            "04-vietnam-construction-internal-migrants.pdf",
			Title:           "Working on Credit: Labour Conditions of Internal Migrant Construction Workers in Hanoi",
			Authors:         []string{"Nguyen Van Minh", "Tran Thi Lan"},
			Organisation:    "Institute for Urban Labour Studies",
			Year:            2018,
			Countries:       []string{"Viet Nam"},
			Sectors:         []string{"Construction"},
			Method:          "Cross-sectional survey",
			SampleSize:      205,
			Population:      "Internal migrant workers on construction sites in Hanoi",
			Language:        "English",
			PublicationType: "Journal article",
			Publisher:       "Journal of Mekong Labour Studies",
		},
		month: time.November,
		short: "Working on Credit",
		abstract: "Rural migrants build much of Hanoi's housing and infrastructure, often through chains of subcontractors. " +
			"This article reports a survey of 205 internal migrant construction workers on 11 sites in Hanoi. " +
			"Respondents worked long hours with little protective equipment, and wage arrears were widespread: " +
			"many team leaders paid wages only at the end of a project or before the Lunar New Year. " +
			"We argue that the subcontracting system creates conditions that resemble debt bondage and call for stronger enforcement of labour law on sites.",
		sections: []section{
			{"Introduction", []string{
				"Construction employs several hundred thousand migrants from the northern provinces in Hanoi. Most are hired informally by team leaders who are themselves subcontractors of larger firms, and few have written contracts or social insurance.",
				"Reports in the press have described workers left unpaid when subcontractors disappeared, but systematic data are scarce. This article describes the labour conditions of migrant construction workers and the practices of wage payment on sites.",
			}},
			{"Methods", []string{
				"{{Design and methods described|A structured questionnaire was administered face to face on 11 sites}} in four districts of Hanoi between March and May 2017. The questionnaire covered demographic characteristics, recruitment, wages, hours, safety and living conditions.",
				"{{Sampling explained|Sites were selected where the research team had contacts}} and workers present during lunch breaks were invited to take part. {{Informed consent and do-no-harm|Verbal consent was obtained from all respondents.}} The number of workers who refused is not known.",
				"Data were entered in SPSS and analysed with descriptive statistics and chi-square tests.",
			}},
			{"Findings", []string{
				"Respondents were mostly men (86 percent), with a median age of 31. Most came from Thanh Hoa, Nghe An and Phu Tho provinces and had been recruited by a team leader from their home district.",
				"{{Construction|Work on site averaged 10.5 hours a day, seven days a week during concreting}}. Only 38 percent had been given a helmet and fewer than a fifth had safety harnesses for work at height. Workers slept in temporary sheds on the site, often 20 or more to a room.",
				"{{Wage withholding|Two thirds of respondents were owed wages for more than one month}}. Team leaders typically paid a small monthly advance for food and settled the balance at the end of the project or before Tet.",
				"> {{Debt bondage|If I leave now I lose four months of money, so I stay until the building is finished.}} ~~ site worker, 28, from Thanh Hoa",
				"Workers who had borrowed from the team leader for travel were more likely to report wage arrears than those who had not (72 percent against 55 percent, p < 0.05).",
				"{{Findings supported by data|These results show that forced labour is widespread in Hanoi's construction sector}} and that the subcontracting chain is its main cause.",
			}},
			{"Discussion", []string{
				"The practice of deferring wages ties workers to a site and to a team leader in a way that resembles debt bondage. Although no respondent described physical confinement, the prospect of losing months of wages acts as a strong deterrent to leaving. Labour inspectors rarely visit sites, and workers do not know where to complain.",
				"Stronger joint liability of main contractors for subcontractors' wage debts, and payment of wages directly into workers' bank accounts, could reduce these risks.",
			}},
		},
		refs: []string{refILOInd, "Government of Viet Nam (2019). Labour Code, No. 45/2019/QH14. Hanoi.", "Nguyen, V. M. (2016). Subcontracting and informality in Vietnamese construction. Hanoi: Institute for Urban Labour Studies."},
	}
}
