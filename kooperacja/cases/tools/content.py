"""The content of the tools as data (R-38).

*Ocena dotychczasowej współpracy*: statements grouped by the factors of successful collaboration, rated 1–5
(1 — zdecydowanie się nie zgadzam … 5 — zdecydowanie się zgadzam). The factors follow those of validated
collaboration inventories (the Wilder Collaboration Factors Inventory: communication, membership and roles,
mutual trust, resources, shared purpose, process and structure); the statements are our own, written for a case
group working with a family — not the inventory's items.

*Przygotowanie instytucji do wspólnej diagnozy*: what an invited institution gathers before the group's
meeting (002 §4.2: the invitation asks the institutions to collect information on the family)."""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Factor:
    code: str
    label: str
    statements: tuple[tuple[str, str], ...]  # (code, Polish statement)


FACTORS = (
    Factor(
        "communication",
        _("Communication"),
        (
            (
                "communication_1",
                "Członkowie grupy na bieżąco przekazują sobie informacje potrzebne do pracy z rodziną.",
            ),
            ("communication_2", "W grupie mogę otwarcie mówić o trudnościach i wątpliwościach."),
            ("communication_3", "Wiem, jak szybko skontaktować się z pozostałymi instytucjami w tej sprawie."),
        ),
    ),
    Factor(
        "roles",
        _("Roles and tasks"),
        (
            ("roles_1", "Każda instytucja w grupie wie, za które zadania odpowiada."),
            ("roles_2", "Zadania są podzielone zgodnie z kompetencjami instytucji."),
            ("roles_3", "Rola koordynatora jest dla wszystkich jasna."),
        ),
    ),
    Factor(
        "trust",
        _("Trust"),
        (
            ("trust_1", "Mogę liczyć na to, że pozostali członkowie grupy wykonają to, co uzgodniliśmy."),
            ("trust_2", "Informacje przekazywane w grupie służą wyłącznie pomocy rodzinie."),
            ("trust_3", "Szanujemy odmienne spojrzenie poszczególnych instytucji na sytuację rodziny."),
        ),
    ),
    Factor(
        "resources",
        _("Resources"),
        (
            ("resources_1", "Moja instytucja daje mi czas na udział w pracy grupy."),
            ("resources_2", "Grupa ma dostęp do usług i wsparcia, których rodzina potrzebuje."),
            ("resources_3", "Przełożeni wspierają moje zaangażowanie we współpracę."),
        ),
    ),
    Factor(
        "purpose",
        _("Shared purpose"),
        (
            ("purpose_1", "Członkowie grupy dążą do tego samego celu pracy z rodziną."),
            ("purpose_2", "Cel pracy został ustalony razem z rodziną."),
            ("purpose_3", "Wspólna praca daje rodzinie więcej niż działania każdej instytucji osobno."),
        ),
    ),
    Factor(
        "process",
        _("Process and structure"),
        (
            ("process_1", "Spotkania grupy są dobrze przygotowane i sprawnie prowadzone."),
            ("process_2", "Decyzje zapadają wspólnie i są zapisywane."),
            ("process_3", "Grupa regularnie sprawdza postępy i w razie potrzeby zmienia plan."),
            ("process_4", "Wiem, jak zgłosić potrzebę zmiany w planie pracy."),
        ),
    ),
)

FACTOR_OF = {code: factor.code for factor in FACTORS for code, _text in factor.statements}
FACTOR_LABELS = {factor.code: factor.label for factor in FACTORS}
SCALE = (
    (1, "1 — zdecydowanie się nie zgadzam"),
    (2, "2 — raczej się nie zgadzam"),
    (3, "3 — ani tak, ani nie"),
    (4, "4 — raczej się zgadzam"),
    (5, "5 — zdecydowanie się zgadzam"),
)


@dataclass(frozen=True)
class ChecklistItem:
    code: str
    text: str
    hint: str


CHECKLIST = (
    ChecklistItem(
        "situation",
        "Co instytucja wie o sytuacji osoby lub rodziny w swoim obszarze",
        "Np. nauka i frekwencja, zdrowie, zatrudnienie, bezpieczeństwo — tylko to, co potrzebne do pracy.",
    ),
    ChecklistItem(
        "past_help", "Dotychczasowa pomoc instytucji i jej efekty", "Jakie działania, od kiedy, co się udało, co nie."
    ),
    ChecklistItem(
        "contacts",
        "Kontakty: kto w instytucji zna rodzinę i jak się z nim skontaktować",
        "Również dotychczasowy kontakt z rodziną i jej nastawienie do współpracy.",
    ),
    ChecklistItem(
        "offer",
        "Co instytucja może zaproponować rodzinie",
        "Usługi, zajęcia, specjaliści, terminy — zasoby, o które można oprzeć plan pracy.",
    ),
    ChecklistItem(
        "documents",
        "Dokumenty do zabrania na spotkanie",
        "Opinie, zaświadczenia, notatki — w zakresie, w jakim obejmuje je zgoda rodziny.",
    ),
    ChecklistItem(
        "consent",
        "Sprawdzono, że zgoda rodziny (lub podstawa prawna) obejmuje naszą instytucję",
        "Bez zgody lub podstawy prawnej nie przekazujemy informacji o rodzinie.",
    ),
    ChecklistItem(
        "attendance",
        "Ustalono, kto z instytucji weźmie udział w spotkaniu",
        "I czy potrzebny jest udział przełożonego, by decyzje zapadły na spotkaniu.",
    ),
)
CHECKLIST_CODES = [item.code for item in CHECKLIST]
