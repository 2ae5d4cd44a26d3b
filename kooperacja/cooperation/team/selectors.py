def team_institution_ids(cooperation) -> set[int]:
    """Ids of the institutions in the cooperation's team (its members read the cooperation)."""
    return set()


def cooperations_with_institutions(institution_ids) -> list[int]:
    """Ids of the cooperations whose team includes one of ``institution_ids``."""
    return []
