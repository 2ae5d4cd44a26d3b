"""The regional level (SPEC R-40 … R-43): what ROPS keeps and sees. One module per part; ROPS never reaches a
case's data — only aggregates, with counts from 1 to 4 shown as "<5"."""

from kooperacja.regional.models.evaluation import ModelEvaluation, TeamCost  # noqa: F401
from kooperacja.regional.models.library import Recommendation, StepKind, SupportRequest, Tool, ToolVersion  # noqa: F401
