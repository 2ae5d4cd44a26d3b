"""A small directory built through the services, shared by the import/export tests."""

from kooperacja.directory import services
from kooperacja.directory.models import Problem


def build_directory(territory) -> list:
    problems = {p.code: p for p in Problem.objects.all()}
    gmina, county, voivodeship = territory["gmina"], territory["county"], territory["voivodeship"]
    created = []
    ops = services.institution_create(
        actor=None,
        name="Gminny Ośrodek Pomocy Społecznej w Kowalewie",
        kind="ops",
        unit=gmina,
        short_name="GOPS",
        street="ul. Szkolna 12",
        postal_code="87-410",
        city="Kowalewo Pomorskie",
        email="gops@example.pl",
        website="https://gops.example.pl",
        opening_hours="pon.–pt. 7:30–15:30\nśr. do 17",
        regon="871118879",
        nip="8781766349",
        notes="Ośrodek gminny.",
        phones=[("56 684 10 00", "sekretariat"), ("600 100 200", "")],
        contacts=[("Anna Nowak", "kierowniczka", "56 684 10 01", "anna@example.pl"), ("Jan Kos", "", "", "")],
        specialists={"social_worker": 6, "family_assistant": 2},
    )
    services.service_save(
        actor=None,
        institution=ops,
        name="Praca socjalna",
        description="Wsparcie rodzin.",
        problems=[problems["poverty"], problems["helplessness"]],
        target_group="rodziny",
        legal_basis="art. 45 ustawy o pomocy społecznej",
        how_to_access="Wizyta w ośrodku.",
    )
    services.service_save(
        actor=None, institution=ops, name="Zespół interdyscyplinarny", problems=[problems["domestic_violence"]]
    )
    created.append(ops)
    pcpr = services.institution_create(
        actor=None,
        name="Powiatowe Centrum Pomocy Rodzinie",
        kind="pcpr",
        unit=county,
        level="powiat",
        street="ul. Plac Tysiąclecia 1",
        postal_code="87-400",
        city="Golub-Dobrzyń",
        krs="0000123456",
        other_units=[territory["other_gmina"]],
        specialists={"psychologist": 1},
    )
    services.service_save(actor=None, institution=pcpr, name="Piecza zastępcza", problems=[problems["foster_care"]])
    created.append(pcpr)
    created.append(
        services.institution_create(
            actor=None,
            name="Stowarzyszenie Razem",
            kind="ngo",
            unit=gmina,
            status="closed",
            notes="Zawieszone.",
        )
    )
    created.append(
        services.institution_create(
            actor=None,
            name="Regionalny Ośrodek Polityki Społecznej",
            kind="rops",
            unit=voivodeship,
            level="wojewodztwo",
            opening_hours="8–16",
        )
    )
    school = services.institution_create(
        actor=None, name="Szkoła Podstawowa nr 1", kind="school", unit=gmina, city="Kowalewo Pomorskie"
    )
    services.service_save(actor=None, institution=school, name="Świetlica szkolna", problems=[problems["education"]])
    created.append(school)
    return created


def snapshot(institutions) -> dict:
    """Everything the directory holds about the institutions, by uid (for comparing before and after)."""
    result = {}
    for i in institutions:
        i.refresh_from_db()
        result[str(i.uid)] = {
            "fields": {f: getattr(i, f) for f in sorted(services.INSTITUTION_FIELDS) if f != "unit"},
            "unit": i.unit.code,
            "other_units": sorted(u.code for u in i.other_units.all()),
            "phones": list(i.phones.values_list("number", "description")),
            "contacts": list(i.contacts.values_list("name", "function", "phone", "email")),
            "specialists": dict(i.specialists.values_list("kind", "count")),
            "services": sorted(
                (
                    str(s.uid),
                    s.name,
                    s.description,
                    s.target_group,
                    s.legal_basis,
                    s.how_to_access,
                    tuple(sorted(s.problems.values_list("code", flat=True))),
                )
                for s in i.services.all()
            ),
        }
    return result
