"""One implementation of the Model Kooperacji (SPEC R-20 … R-26, R-39), one module per part."""

from kooperacja.cooperation.models.cooperation import Cooperation, CooperationRole, Step

__all__ = ["Cooperation", "CooperationRole", "Step"]
