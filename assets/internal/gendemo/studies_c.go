package main

import (
	"time"

	"github.com/evidence-workbench/workbench/assets"
)

func studyMyanmarPlantations() study {
	return study{
		meta: assets.DemoStudy{
			File:            "05-myanmar-plantations-rapid-assessment.pdf",
			Title:           "Rapid Assessment of Labour Exploitation on Rubber and Palm Oil Plantations in Tanintharyi Region, Myanmar",
			Authors:         []string{"Daw Hnin Wai", "Peter Sandoval"},
			Organisation:    "Southern Myanmar Community Development Network",
			Year:            2017,
			Countries:       []string{"Myanmar"},
			Sectors:         []string{"Agriculture"},
			Method:          "Rapid assessment: key informant interviews and site visits",
			SampleSize:      18,
			Population:      "Key informants: village leaders, plantation supervisors, NGO staff and local officials",
			Language:        "English",
			PublicationType: "Rapid assessment report",
			Publisher:       "Southern Myanmar Community Development Network, Dawei",
		},
		month: time.February,
		short: "Rapid Assessment: Tanintharyi Plantations",
		abstract: "Large rubber and palm oil concessions in Tanintharyi Region draw workers from central Myanmar and from local villages. " +
			"This rapid assessment, carried out over two weeks, collected information from key informants and site visits to five plantations. " +
			"Informants described recruitment of workers through agents in the dry zone, advances that workers had to repay from wages, " +
			"poor housing and health care, and limited contact with labour officials. The assessment recommends further research and " +
			"the extension of labour inspection to plantation concessions.",
		sections: []section{
			{"Background", []string{
				"Since the early 2010s, plantation concessions in Tanintharyi have expanded rapidly. Local communities have raised concerns about land, and organisations working with migrant workers have received reports of poor treatment of plantation labourers. Little documented information is available.",
				"The network carried out this assessment to gather initial information on labour conditions on plantations and to identify issues for its programme.",
			}},
			{"Approach", []string{
				"{{Design and methods described|The assessment team visited five plantations and held 18 key informant interviews}} in Dawei, Myeik and Kawthaung districts in October 2016. Informants included village leaders, plantation supervisors, staff of local organisations and township officials. Workers were met informally during site visits.",
				"{{Sampling explained|Informants were identified through the network's existing contacts.}} Notes were taken by hand and summarised by the team at the end of each day.",
			}},
			{"Findings", []string{
				"Informants agreed that most plantation workers come from the dry zone of central Myanmar, especially Magway and Mandalay regions, and are recruited by agents who arrange transport and pay an advance to the family. {{Recruitment and deception|Workers were promised daily wages higher than they later received}}, according to two village leaders.",
				"{{Debt bondage|A worker cannot leave before the advance is repaid, one supervisor said}}, because the agent is responsible to the company for the worker. The advance and transport costs are deducted from wages over the first months, and supervisors described this as normal practice.",
				"{{Agriculture|Tapping starts at two in the morning and continues until the latex is collected}}. Workers and their families live in huts on the plantation, and informants reported that children help their parents with tapping and collecting. Clinics are far from most plantations, and malaria is common.",
				"> {{Working and living conditions|There is no clean water, we drink from the stream.}} The company gives one room for a family. ~~ plantation worker met during a site visit, Myeik district",
				"Township officials said that labour inspection does not cover plantations on concession land and that no complaints had been received.",
				"{{Findings supported by data|Forced labour is therefore present on most plantations in the region}}, and thousands of workers are likely to be affected.",
			}},
			{"Recommendations", []string{
				"The network recommends a full study of labour conditions on plantations, including a survey of workers; training of township labour officers; awareness-raising in the dry zone about plantation work; and dialogue with concession holders on recruitment practices and the use of advances.",
				"Organisations working in the region should also consider mobile health services for plantation workers and their families, and monitoring of child labour during the tapping season.",
			}},
			{"Annex: Plantations visited", []string{
				"Plantation A: rubber, approximately 600 acres, Dawei district. Plantation B: rubber, Dawei district. Plantation C: palm oil, approximately 3,000 acres, Myeik district. Plantation D: palm oil, Kawthaung district. Plantation E: mixed rubber and cashew, Myeik district.",
				"Informants: four village leaders, three plantation supervisors, five staff of local organisations, three township officials, two health workers and one religious leader.",
			}},
		},
		refs: []string{refILOInd, "Southern Myanmar Community Development Network (2015). Land and Livelihoods in Tanintharyi: Community Perspectives. Dawei."},
	}
}

func studyBorderScreening() study {
	return study{
		meta: assets.DemoStudy{
			File:            "06-cambodia-border-victim-identification.pdf",
			Title:           "Screening at the Border: Victim Identification Practices for Returning Migrants at Poipet and Koh Kong",
			Authors:         []string{"Dara Keo", "Ingrid Falk", "Sokunthea Meas"},
			Organisation:    "Centre for Protection Policy Research",
			Year:            2022,
			Countries:       []string{"Cambodia", "Thailand"},
			Sectors:         []string{"Agriculture", "Construction", "Fishing and seafood processing"},
			Method:          "Mixed methods: interviews with frontline officials and review of screening forms",
			SampleSize:      156,
			Population:      "36 frontline officials and NGO staff; 120 completed screening forms of returning migrants",
			Language:        "English",
			PublicationType: "Government-commissioned report",
			Publisher:       "Centre for Protection Policy Research, Phnom Penh",
		},
		month: time.August,
		short: "Screening at the Border",
		abstract: "Thousands of Cambodian migrants return or are deported from Thailand through the Poipet and Koh Kong checkpoints each month. " +
			"Officials are expected to screen them for indicators of trafficking using a national screening form and refer presumed victims to services. " +
			"This study combined interviews with 36 frontline officials and NGO staff with a review of 120 completed screening forms. " +
			"Screening was often brief and conducted in crowded reception areas; labour exploitation of men was rarely recognised; " +
			"and presumed victims were referred in fewer than half of the cases in which the form recorded indicators.",
		sections: []section{
			{"Introduction", []string{
				"Identification is the gateway to protection. Without it, people who have been trafficked are treated as irregular migrants and returned to their communities without support, often still in debt to the brokers who sent them abroad.",
				"{{Research questions stated|The study had two aims: to describe how screening is done in practice}} at the two main land border checkpoints, and to assess whether presumed victims identified through screening are referred to assistance.",
			}},
			{"Methods", []string{
				"The study combined two sources. First, {{Design and methods described|we held semi-structured interviews with 36 frontline staff}}: police, social affairs officers and staff of NGOs working at the reception centres. Second, we reviewed all 120 screening forms completed at the two checkpoints during a sample month (March 2021).",
				"{{Sampling explained|All officials on duty in screening roles during the fieldwork weeks were invited}}; 36 of 41 agreed. Forms were reviewed in full, with no sampling. Interviews with returning migrants themselves were not conducted, for safety reasons and because the study focused on practice.",
				"The Ministry's ethics committee approved the study and officials took part on condition of anonymity. {{Confidentiality and data protection|Screening forms were read on site and only anonymised extracts were copied}}; names and identity numbers were never removed from the ministry office.",
				"The screening form defines a presumed victim of trafficking using the Palermo Protocol's three elements and lists 24 indicators. {{Analysis transparent|Two reviewers independently coded each form}} for the indicators recorded, the decision taken and any referral; agreement was high (Cohen's kappa 0.81) and disagreements were resolved by discussion. Interview notes were analysed thematically.",
			}},
			{"Findings", []string{
				"Screening took place in the reception hall, often with dozens of people waiting. Officials said they had on average five to ten minutes per person during deportation days.",
				"> {{Victim identification|We ask the questions on the form quickly. If they do not complain, we do not ask more.}} ~~ police officer, Poipet",
				"{{Findings supported by data|Of the 120 forms, 47 recorded at least one indicator of trafficking}}, most often deception about the job (31 forms), unpaid wages (26) and debt to a broker (22). Forms for men were less likely to record indicators than forms for women, although men made up most of those returning from construction sites and fishing boats. Several officials equated trafficking with sexual exploitation of women.",
				"> {{Victim identification|Men who work on boats are workers. Trafficking is for women and children.}} ~~ social affairs officer, Koh Kong",
				"{{Referral and assistance|Only 21 of the 47 people with indicators were referred to assistance}}. Officials explained that many people declined referral because they wanted to go home quickly, and that shelters had no space for men. NGO staff described informal referral arrangements that depended on personal contacts.",
				"Recruitment debts were a recurring reason why people who might have been trafficked preferred not to be identified: they expected to migrate again to repay the broker.",
			}},
			{"Limitations", []string{
				"{{Limitations acknowledged|The forms record what officials wrote, not what migrants said}}, so low recording of indicators may reflect both missed identification and brief documentation. A single month may not be typical. Officials may have described their practice more favourably than it is.",
			}},
			{"Recommendations", []string{
				"Screening should be conducted in private, with enough time and trained interpreters; training should cover labour trafficking of men; and a referral pathway for men, including non-residential assistance, should be created.",
			}},
		},
		refs: []string{refPalermo, refCOMMIT, refILOInd, "Ministry of Social Affairs, Veterans and Youth Rehabilitation (2020). Guidelines on Forms and Procedures for Identification of Victims of Human Trafficking. Phnom Penh."},
	}
}

func studyFishersReintegration() study {
	return study{
		meta: assets.DemoStudy{
			File:            "07-cambodia-fishers-reintegration.pdf",
			Title:           "Coming Back from the Sea: Reintegration of Cambodian Men Trafficked onto Fishing Vessels",
			Authors:         []string{"Vannak Prum", "Alice Turner"},
			Organisation:    "Tonle Sap Centre for Social Research",
			Year:            2020,
			Countries:       []string{"Cambodia", "Thailand"},
			Sectors:         []string{"Fishing and seafood processing"},
			Method:          "Qualitative: life-history interviews with repeat visits",
			SampleSize:      22,
			Population:      "Cambodian men formally identified as trafficking victims after work on fishing vessels, interviewed 1 to 4 years after return",
			Language:        "English",
			PublicationType: "Journal article",
			Publisher:       "Asian Journal of Migration and Protection",
		},
		month: time.May,
		short: "Coming Back from the Sea",
		abstract: "Most research on trafficking in fishing ends when the victims leave the boat. This article follows 22 Cambodian men who were identified as victims of trafficking " +
			"after working on fishing vessels and returned to their villages between 2015 and 2018. " +
			"Life-history interviews, repeated over a year, show that debts, health problems and stigma shaped reintegration more than the assistance received. " +
			"Few men obtained compensation, and several had migrated again. We argue that reintegration support must address household debt and long-term health.",
		sections: []section{
			{"Introduction", []string{
				"Cambodian men trafficked onto fishing vessels were among the most visible cases of labour trafficking in the region in the 2010s. Many were identified abroad and repatriated through bilateral procedures. Less is known about what happened to them afterwards.",
				"{{Research questions stated|We ask how men trafficked onto fishing vessels rebuild their lives after return}}, which forms of assistance they found useful, and what role justice and compensation played.",
			}},
			{"Methods", []string{
				"We used a longitudinal qualitative design. Each man was interviewed two or three times over twelve months in 2019, in his home village or a place he chose. Interviews followed a life-history approach, starting with life before migration and moving through recruitment, work at sea, identification, return and life since.",
				"{{Sampling explained|Participants were drawn from the case lists of two reintegration NGOs}}, which together had assisted 58 men returned from fishing; we invited all 31 men who still lived in the four study provinces, and 22 agreed.",
				"{{Informed consent and do-no-harm|Interviewers were trained in trauma-informed interviewing}} and in recognising distress, and a counsellor was available to every participant. Consent was renewed orally at each visit. Men were told that they could skip any topic, and several chose not to discuss violence at sea. The study received approval from the national ethics committee for health research.",
				"{{Confidentiality and data protection|Pseudonyms are used and village names have been removed}}. Recordings were stored on an encrypted drive accessible only to the two authors. The NGOs did not see the transcripts.",
				"Interviews were transcribed in Khmer, translated into English and analysed with a thematic approach by both authors. We defined trafficking as in the Palermo Protocol; all participants had been formally identified under Cambodian law, which follows it.",
			}},
			{"Findings", []string{
				"{{Reintegration|Repaying the family's debts was the first concern of nearly every participant}}: almost all men had returned to households that had borrowed money while they were away, sometimes from the broker who had recruited them. This explained why five men had migrated again within two years.",
				"> {{Reintegration|My mother borrowed for my journey. When I came back, the debt was bigger than before.}} ~~ returned fisher, 29, Prey Veng",
				"Health problems were common: back injuries, hearing loss and, for some, nightmares and heavy drinking. Assistance on arrival, usually a small cash grant, transport home and a visit by a social worker, was remembered as helpful but brief.",
				"> {{Referral and assistance|They gave me money for the bus and rice for one month. After that nobody came.}} ~~ returned fisher, 35, Kampong Cham",
				"{{Access to justice|Of six men who gave statements to police, only two received compensation}}, years after their return. Others did not know that compensation was possible, or feared the brokers, who lived nearby.",
				"Stigma took the form of suspicion that the men had wasted their earnings or were lazy. {{Findings supported by data|Fourteen of the 22 men described shame or blame from their community}}, and they felt ashamed to have come back with nothing.",
			}},
			{"Limitations", []string{
				"{{Limitations acknowledged|Men who could not be traced or who declined may have fared worse}}, and participants were all NGO clients, so the experience of men who returned without assistance is missing.",
			}},
			{"Conclusion", []string{
				"Reintegration of trafficked fishers depends on household finances as much as individual recovery. Support should include debt counselling, livelihood grants, long-term health care and active help in claiming compensation.",
			}},
		},
		refs: []string{refPalermo, refCOMMIT, refWHO, refBraun, "Aung, T. and Okafor, R. (2019). Hidden Decks: Forced Labour Indicators among Myanmar Fishers in Thailand's Long-Haul Fishing Fleet. Ranong: Andaman Coast Labour Rights Foundation."},
	}
}
