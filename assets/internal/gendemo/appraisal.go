package main

import "github.com/evidence-workbench/workbench/assets"

// appraisals returns the example appraisals written into the manifest: one
// full appraisal of the first study against every rigor criterion of the
// default template.
func appraisals() []assets.DemoAppraisal {
	return []assets.DemoAppraisal{{
		File: "01-cambodia-thailand-agriculture-debt.pdf",
		Criteria: []assets.DemoJudgement{
			judge("Research questions stated", assets.JudgementMet,
				"Three explicit research questions are stated in the introduction, and the design addresses each of them."),
			judge("Design and methods described", assets.JudgementMet,
				"Convergent mixed-methods design; the survey instrument's source (ILO survey guidelines), piloting, translation and back-translation, interviewers and fieldwork period are all reported."),
			judge("Sampling explained", assets.JudgementPartlyMet,
				"Eligibility, random selection of farms from district registers, the response rate (312 of 371) and purposive selection of interviewees are clear. However, unregistered farms are excluded from the frame and there is no account of how many farms were drawn or of clustering of workers within farms."),
			judge("Informed consent and do-no-harm", assets.JudgementMet,
				"Ethics committee approval, adherence to the WHO recommendations, private interviews away from employers and brokers, scripted oral consent and referral cards with hotline numbers."),
			judge("Confidentiality and data protection", assets.JudgementMet,
				"No names recorded, farm identifiers coded, audio deleted after transcription. Storage of the survey data is not described, a minor gap."),
			judge("Analysis transparent", assets.JudgementPartlyMet,
				"Logistic regression with adjustment is reported, but the text names only sex and age as covariates while the research question also mentions province; the thematic analysis is described only briefly (two coders, joint reconciliation)."),
			judge("Limitations acknowledged", assets.JudgementMet,
				"Sampling frame coverage, self-report bias and the cross-sectional design are discussed, with the direction of the likely bias stated."),
			judge("Trafficking defined in line with the Palermo Protocol", assets.JudgementMet,
				"Forced labour is classified with the act, means and purpose elements operationalised through the ILO indicators (involuntariness plus menace of penalty)."),
			judge("Findings supported by data", assets.JudgementMet,
				"Claims are backed by counts with denominators, an adjusted odds ratio with confidence interval, and quotations; conclusions stay within what a cross-sectional sample can show."),
		},
		Overall: assets.RatingHigh,
		OverallJustification: "A well-conducted mixed-methods study with strong ethical safeguards and a clear, Palermo-consistent definition. " +
			"Weaknesses in the sampling frame and the reporting of the analysis are minor and acknowledged; the findings on recruitment debt can be given substantial weight.",
	}}
}

func judge(criterion, judgement, justification string) assets.DemoJudgement {
	return assets.DemoJudgement{Criterion: criterion, Judgement: judgement, Justification: justification}
}
