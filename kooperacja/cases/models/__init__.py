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

__all__ = [
    "BreakGlass", "Case", "CaseGroup", "Consent", "ConsentOverride", "CoordinationHandover", "GroupMembership",
    "Person", "Referral",
]  # fmt: skip
