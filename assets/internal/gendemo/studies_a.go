package main

import (
	"time"

	"github.com/evidence-workbench/workbench/assets"
)

// Shared references (real instruments and guidance, cited correctly).
const (
	refPalermo = "United Nations (2000). Protocol to Prevent, Suppress and Punish Trafficking in Persons, Especially Women and Children, supplementing the United Nations Convention against Transnational Organized Crime. New York: United Nations."
	refILOInd  = "International Labour Office (2012). ILO Indicators of Forced Labour. Geneva: ILO Special Action Programme to Combat Forced Labour."
	refILOSurv = "International Labour Office (2012). Hard to See, Harder to Count: Survey Guidelines to Estimate Forced Labour of Adults and Children. Geneva: ILO."
	refWHO     = "Zimmerman, C. and Watts, C. (2003). WHO Ethical and Safety Recommendations for Interviewing Trafficked Women. Geneva: World Health Organization."
	refBraun   = "Braun, V. and Clarke, V. (2006). Using thematic analysis in psychology. Qualitative Research in Psychology, 3(2), 77-101."
	refC189    = "International Labour Organization (2011). Domestic Workers Convention, 2011 (No. 189). Geneva: ILO."
	refCOMMIT  = "COMMIT (2004). Memorandum of Understanding on Cooperation against Trafficking in Persons in the Greater Mekong Sub-Region. Yangon, 29 October 2004."
	refP29     = "International Labour Organization (2014). Protocol of 2014 to the Forced Labour Convention, 1930. Geneva: ILO."
)

// allStudies returns the ten demo studies in file-name order.
func allStudies() []study {
	return []study{
		studyAgricultureDebt(), studyFishingCrew(), studyLaoDomestic(), studyVietConstruction(),
		studyMyanmarPlantations(), studyBorderScreening(), studyFishersReintegration(),
		studyDomesticWages(), studyVientianeConstruction(), studyJusticeCaseFiles(),
	}
}

func studyAgricultureDebt() study {
	return study{
		meta: assets.DemoStudy{
			File:            "01-cambodia-thailand-agriculture-debt.pdf",
			Title:           "Harvest of Debt: Recruitment, Indebtedness and Forced Labour among Cambodian Migrant Workers in Thai Agriculture",
			Authors:         []string{"Sophea Chan", "Margaret Lindqvist", "Anurak Phromsiri"},
			Organisation:    "Riverline Migration Research Institute",
			Year:            2021,
			Countries:       []string{"Cambodia", "Thailand"},
			Sectors:         []string{"Agriculture"},
			Method:          "Mixed methods: cross-sectional survey and semi-structured interviews",
			SampleSize:      336,
			Population:      "Cambodian migrant workers on cassava, sugar cane and fruit farms in eastern Thailand (312 surveyed, 24 interviewed)",
			Language:        "English",
			PublicationType: "Research report",
			Publisher:       "Riverline Migration Research Institute, Phnom Penh",
		},
		month: time.March,
		short: "Harvest of Debt",
		abstract: "Cambodian workers make up a large share of the seasonal labour force on farms in eastern Thailand, yet little is known about how recruitment costs shape their working lives. " +
			"This mixed-methods study surveyed 312 Cambodian agricultural workers in Chanthaburi, Sa Kaeo and Rayong provinces and interviewed 24 of them in depth. " +
			"Two in five respondents had borrowed to pay a broker, and {{Debt bondage|29 percent were still repaying recruitment debt after six months of work}}. " +
			"Workers with outstanding debts were more likely to report withheld wages and to say they could not leave their employer. " +
			"We discuss what these findings imply for regulating informal recruitment along the Cambodia-Thailand border.",
		sections: []section{
			{"Introduction", []string{
				"Cross-border migration from Cambodia to Thailand is dominated by informal channels. Formal recruitment under the bilateral memorandum of understanding is slow and expensive, so most agricultural workers rely on village brokers who advance the cost of travel, documents and placement. These advances can become a lever of control once the worker has arrived.",
				"{{Research questions stated|The study asked three questions. First, how do workers finance recruitment?}} Second, how common are indicators of forced labour among Cambodian farm workers in Thailand? Third, is recruitment debt associated with those indicators once sex, age and province are taken into account?",
			}},
			{"Methods", []string{
				"{{Design and methods described|We used a convergent mixed-methods design with a survey and interviews.}} The survey instrument adapted the ILO forced labour survey guidelines to farm work and was piloted with 15 workers in Battambang before fieldwork; items were translated into Khmer and back-translated. Trained Khmer-speaking interviewers collected data between June and October 2019.",
				"{{Sampling explained|Farms were drawn at random from district agricultural registers}} in each province, and all Cambodian workers present on the day of the visit were invited. Eligible respondents were Cambodian nationals aged 18 or over who had done paid farm work in Thailand within the previous twelve months. Of 371 workers approached, 312 took part (84 percent). Interview participants were purposively selected from survey respondents to vary by sex, debt status and crop.",
				"{{Informed consent and do-no-harm|The protocol was approved by the Institute's research ethics committee}} and followed the WHO ethical and safety recommendations. Interviews took place away from the farm, outside working hours and without employers or brokers present. Consent was given orally after a scripted explanation, and every participant received a card with hotline numbers for legal and health assistance. {{Confidentiality and data protection|No names were recorded and farm identifiers were replaced by codes}}; audio files were deleted after transcription.",
				"{{Trafficking defined in line with the Palermo Protocol|Forced labour was classified using the act, means and purpose elements}} of the Palermo Protocol, operationalised through the ILO indicators: a respondent was counted as in forced labour when at least one indicator of involuntariness and one of penalty or menace of penalty were present. {{Analysis transparent|Associations were estimated with logistic regression in R, adjusting for sex and age}}; transcripts were analysed thematically by two coders, who reconciled differences in joint sessions.",
			}},
			{"Findings", []string{
				"Almost all respondents (93 percent) had been recruited through a broker from their own or a neighbouring village. Of the 312 respondents, 131 (42 percent) had borrowed to pay recruitment costs, typically between 4,000 and 9,000 Thai baht. Deductions for debts, housing and food were often made without written accounts.",
				"> {{Recruitment and deception|The broker said we would pick longan and get paid every week.}} We cut cane for two months first. ~~ man, 27, cane and longan farm, Chanthaburi",
				"{{Findings supported by data|Among indebted workers, 38 of 131 reported that wages were held back}}, against 17 of 181 without debts; indicators of forced labour were concentrated among indebted workers. In the adjusted model, outstanding debt was associated with more than twice the odds of meeting the forced labour definition (odds ratio 2.4, 95 percent confidence interval 1.4 to 4.1).",
				"> {{Wage withholding|The boss keeps the money until the end of the season so we do not run away.}} ~~ woman, 34, cassava farm, Sa Kaeo",
				"Six interviewees described their identity documents being kept by the employer or the broker as security. Some accepted this as normal practice; others said it meant they could not travel to the town or change farms.",
				"> {{Document confiscation; Restricted movement|He has my passport. Without it I cannot go to the market, the police will stop me.}} ~~ man, 41, fruit farm, Rayong",
				"{{Agriculture|Work on cassava and cane farms was paid by the piece}}, and hours rose sharply at harvest. Housing was usually a shared shelter on the farm with poor sanitation.",
			}},
			{"Limitations", []string{
				"{{Limitations acknowledged|Farms without registration were missing from the sampling frame}}, and these may employ more undocumented workers and have worse conditions, so our estimates are probably conservative. Forced labour indicators rely on self-report, and some respondents may have under-reported problems for fear of losing their jobs. The cross-sectional design does not allow us to say that debt causes the other indicators.",
			}},
			{"Conclusion", []string{
				"Recruitment debt is common among Cambodian farm workers in Thailand and is strongly associated with other indicators of forced labour. Lowering the cost of regular migration and enforcing written wage records would address the mechanism through which debt becomes control.",
			}},
		},
		refs: []string{refPalermo, refILOInd, refILOSurv, refWHO, refBraun},
	}
}
