"""Work with a person, a family or a group (SPEC R-30 … R-38, R-50, R-51), one module per part."""

from kooperacja.cases.models.case import (
    BreakGlass,
    Case,
    CaseGroup,
    Consent,
    ConsentOverride,
    CoordinationHandover,
    GroupMembership,
    Person,
    Referral,
)
from kooperacja.cases.models.messages import CaseMessage, MessageAttachment
from kooperacja.cases.models.tools import (
    PreparationAnswer,
    PreparationChecklist,
    Rating,
    RatingAnswer,
    RatingRound,
)

__all__ = [
    "BreakGlass",
    "Case",
    "CaseGroup",
    "Consent",
    "ConsentOverride",
    "CoordinationHandover",
    "GroupMembership",
    "Person",
    "Referral",
    "CaseMessage",
    "MessageAttachment",
    "PreparationAnswer",
    "PreparationChecklist",
    "Rating",
    "RatingAnswer",
    "RatingRound",
]
from kooperacja.cases.models.diagnosis import DiagnosisEntry  # noqa: E402
from kooperacja.cases.models.group import ExtraMeeting, FamilyParticipation, MonitoringPlan  # noqa: E402

__all__ += ["DiagnosisEntry", "ExtraMeeting", "FamilyParticipation", "MonitoringPlan"]
from kooperacja.cases.models.reports import MissingReport, MonitoringInformation, MonthlyReport  # noqa: E402

__all__ += ["MissingReport", "MonitoringInformation", "MonthlyReport"]
from kooperacja.cases.models.evaluation import (  # noqa: E402
    DIAGNOSIS_AREAS,
    RATING_MAX,
    RATING_MIN,
    AreaRating,
    ClosureAgreement,
    ClosureProposal,
    DiagnosisArea,
    Evaluation,
    GoalAssessment,
)
from kooperacja.cases.models.plan import PlanAcknowledgement, PlanGoal, PlanTask, SocialContract, WorkPlan  # noqa: E402

__all__ += [
    "PlanAcknowledgement",
    "PlanGoal",
    "PlanTask",
    "SocialContract",
    "WorkPlan",
    "DIAGNOSIS_AREAS",
    "RATING_MAX",
    "RATING_MIN",
    "AreaRating",
    "ClosureAgreement",
    "ClosureProposal",
    "DiagnosisArea",
    "Evaluation",
    "GoalAssessment",
]
