# ruff: noqa: E501 — the clauses are document text, kept one paragraph a line
"""The template clauses of the declaration (annex 3), the agreement (annex 4) and the G-PZK agreement of the
rural variant (annex 5), written from the handbook (002 §3.3–3.4) and the team's assumptions (000). They are the
document's content in Polish — data that the parties edit before signing, not interface text — and name no legal
provision: the parties add the ones their authorities require."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Template:
    title: str  # "{gmina}" is replaced by the gmina's name
    preamble: str
    goals: str
    rules: str
    communication: str
    meeting_frequency: str
    final_provisions: str


_GOALS = """1. Wzmocnienie potencjału instytucji działających na rzecz włączenia społecznego w zakresie efektywności pomocy osobom i rodzinom.
2. Cele wobec instytucji: budowanie profesjonalizmu instytucji w kooperacji, wzrost kompetencji pracowników, zbudowanie systemu wsparcia i harmonizowanie wysiłków pomocowych.
3. Cele wobec osób i rodzin: wzrost jakości i efektywności pomocy, wzmocnienie zasobów i sprawczości rodzin, wykorzystanie innowacyjnych metod pracy.
4. Cele wobec społeczności lokalnej: organizowanie lokalnej sieci wsparcia, wzmocnienie aktywności grup i społeczności, wzrost zaangażowania władz lokalnych w system pomocy."""

_RULES = """1. Strony współpracują na wszystkich etapach pracy z osobą, rodziną lub grupą: wspólnie kwalifikują do wsparcia (za zgodą osoby lub rodziny), diagnozują, planują pomoc i monitorują jej efekty.
2. Do pracy w konkretnej sprawie strony kierują swoich pracowników do Gminnych Grup Kooperacji (GGK), tworzonych z instytucji mających zasoby i kompetencje potrzebne osobie, rodzinie lub grupie.
3. Strony informują swoich pracowników o zawartym porozumieniu i zasadach pracy w ramach Gminnych Grup Kooperacji.
4. Strony ograniczają do minimum formalności związane ze współpracą.
5. Strony chronią informacje o osobach i rodzinach, z którymi pracują, i przekazują je sobie wyłącznie w zakresie niezbędnym do udzielenia pomocy.
6. Porozumienie ma charakter otwarty: może do niego przystąpić kolejna instytucja, która przyjmie zasady w nim określone; o każdym przystąpieniu informowane są wszystkie pozostałe strony."""

_COMMUNICATION = """1. Każda strona wskazuje osobę do kontaktu w sprawach kooperacji.
2. Koordynatorem kooperacji i osobą zwołującą spotkania jest pracownik ośrodka pomocy społecznej wskazany przez gminę.
3. Strony wymieniają informacje drogą elektroniczną, telefonicznie i podczas spotkań; ze spotkań sporządzany jest protokół, zatwierdzany na początku kolejnego spotkania.
4. Członkowie grupy kooperacji przekazują koordynatorowi, nie rzadziej niż raz w miesiącu, informację o postępie działań na rzecz osoby, rodziny lub grupy."""

_MEETINGS = """Zespół spotyka się cyklicznie według ustalonego harmonogramu — raz w miesiącu, nie rzadziej niż raz na kwartał. Spotkania odbywają się w godzinach pracy, w miejscu dostępnym dla wszystkich stron, i trwają nie dłużej niż dwie godziny."""

_FINAL = """1. Porozumienie zawiera się na czas pracy Modelem Kooperacji, z możliwością kontynuacji.
2. Porozumienie podpisują przedstawiciele instytucji upoważnieni do ich reprezentowania; oryginał przechowuje gmina, a strony otrzymują jego kopię.
3. Zmiany porozumienia wymagają zgody stron."""

TEMPLATES = {
    "declaration": Template(
        title="Deklaracja współpracy w ramach Modelu Kooperacji — gmina {gmina}",
        preamble="My, niżej podpisani przedstawiciele instytucji działających na terenie gminy {gmina} i powiatu, "
        "deklarujemy wolę współpracy w ramach Modelu Kooperacji na rzecz mieszkańców gminy "
        "i przystąpienia do Partnerskiego Zespołu Kooperacji (PZK).",
        goals=_GOALS,
        rules=_RULES,
        communication=_COMMUNICATION,
        meeting_frequency=_MEETINGS,
        final_provisions="1. Deklaracja ma charakter otwarty: mogą do niej przystąpić kolejne instytucje.\n"
        "2. Oryginał deklaracji przechowuje gmina, a strony otrzymują jej kopię.",
    ),
    "agreement": Template(
        title="Porozumienie o współpracy — Partnerski Zespół Kooperacji w gminie {gmina}",
        preamble="Strony porozumienia, instytucje pomocy i integracji społecznej oraz podmioty innych polityk "
        "sektorowych działające na terenie gminy {gmina} i powiatu, zawiązują Partnerski Zespół Kooperacji (PZK) "
        "w celu wspólnego wsparcia osób, rodzin i grup w ramach Modelu Kooperacji.",
        goals=_GOALS,
        rules=_RULES,
        communication=_COMMUNICATION,
        meeting_frequency=_MEETINGS,
        final_provisions=_FINAL,
    ),
    "gpzk_agreement": Template(
        title="Porozumienie o powołaniu Gminno-Powiatowego Zespołu Kooperacji (G-PZK) — gmina {gmina}",
        preamble="Strony porozumienia, instytucje gminy {gmina} i powiatu tworzące trzon zespołu, powołują "
        "Gminno-Powiatowy Zespół Kooperacji (G-PZK), którego pracę organizuje animator powiatowego centrum pomocy "
        "rodzinie wraz z animatorem gminnym.",
        goals=_GOALS,
        rules=_RULES + "\n7. Trzon zespołu tworzą instytucje, które podpisały porozumienie; instytucje uzupełniające "
        "są zapraszane na spotkania przez trzon zespołu w zależności od potrzeb i charakteru sprawy.",
        communication=_COMMUNICATION.replace(
            "2. Koordynatorem kooperacji i osobą zwołującą spotkania jest pracownik ośrodka pomocy społecznej "
            "wskazany przez gminę.",
            "2. Pracę zespołu organizuje animator powiatowego centrum pomocy rodzinie; osobą do kontaktu w gminie "
            "jest animator gminny (pracownik ośrodka pomocy społecznej).",
        ),
        meeting_frequency=_MEETINGS,
        final_provisions=_FINAL,
    ),
}


def template_for(kind: str, *, gmina: str) -> dict[str, str]:
    """The prefilled text fields of an agreement of ``kind``, for the gmina named ``gmina``."""
    template = TEMPLATES[kind]
    return {
        name: getattr(template, name).replace("{gmina}", gmina)
        for name in ("title", "preamble", "goals", "rules", "communication", "meeting_frequency", "final_provisions")
    }
