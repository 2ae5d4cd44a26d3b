"""The municipality analysis (Analiza gminy, SPEC R-10 … R-15), one module per part.

Data about the gmina over the years (indicators, the problem map, survey rounds) belongs to the gmina, so the
next year's analysis shows the same series with one more year; what the coordinator writes for one analysis
(infrastructure, enclaves, groups, needs, confirmations, cost cards) belongs to the analysis.
"""

from kooperacja.diagnosis.models.analysis import Analysis, CompletenessConfirmation, Enclave, Need, RiskGroup
from kooperacja.diagnosis.models.costs import CostCard, CostCardLine, Payer, UnitCost
from kooperacja.diagnosis.models.network import SurveyAnswer, SurveyRound, SurveySheet
from kooperacja.diagnosis.models.problems import ProblemMapEntry, ProblemMapYear
from kooperacja.diagnosis.models.statistics import Indicator, IndicatorValue

__all__ = [
    "Analysis",
    "CompletenessConfirmation",
    "CostCard",
    "CostCardLine",
    "Enclave",
    "Indicator",
    "IndicatorValue",
    "Need",
    "Payer",
    "ProblemMapEntry",
    "ProblemMapYear",
    "RiskGroup",
    "SurveyAnswer",
    "SurveyRound",
    "SurveySheet",
    "UnitCost",
]
