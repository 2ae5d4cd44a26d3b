"""One implementation of the Model Kooperacji (SPEC R-20 … R-26, R-39), one module per part."""

from kooperacja.cooperation.models.agreement import Agreement, AgreementParty
from kooperacja.cooperation.models.application import AuthorityConsent, RopsApplication
from kooperacja.cooperation.models.cooperation import Cooperation, CooperationRole, Step
from kooperacja.cooperation.models.team import Area, Team, TeamActivity, TeamGoal, TeamMember

__all__ = ["Cooperation", "CooperationRole", "Step"]
__all__ += ["Agreement", "AgreementParty"]
__all__ += ["Area", "Team", "TeamActivity", "TeamGoal", "TeamMember"]
__all__ += ["AuthorityConsent", "RopsApplication"]
