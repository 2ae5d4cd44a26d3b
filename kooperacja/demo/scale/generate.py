"""The generator: rows of every app for the accounts, directory, analysis, cooperation, meetings and cases of
each gmina, in the shape the services would have left them. Every random choice of a gmina comes from a
``random.Random`` seeded with the run's seed and the gmina's TERYT code, so a gmina gets the same data whether
it is seeded alone or with the whole country (what the benchmark compares)."""

import datetime
import json
import random
import uuid

from django_otp.plugins.otp_totp.models import TOTPDevice

from kooperacja.accounts.models import Membership, Role, User
from kooperacja.cases.models import (
    AreaRating,
    Case,
    CaseGroup,
    CaseMessage,
    ClosureAgreement,
    ClosureProposal,
    Consent,
    DiagnosisEntry,
    Evaluation,
    FamilyParticipation,
    GoalAssessment,
    GroupMembership,
    MonitoringInformation,
    MonitoringPlan,
    MonthlyReport,
    Person,
    PlanAcknowledgement,
    PlanGoal,
    PlanTask,
    Referral,
    SocialContract,
    WorkPlan,
)
from kooperacja.cooperation.models import (
    Agreement,
    AgreementParty,
    AuthorityConsent,
    Cooperation,
    CooperationRole,
    RopsApplication,
    Step,
    Team,
    TeamActivity,
    TeamGoal,
    TeamMember,
)
from kooperacja.cooperation.steps import add_months, planned_dates, template_for
from kooperacja.demo.scale import places, texts
from kooperacja.demo.scale.cases import CaseMaker
from kooperacja.demo.scale.common import DAY, at, month_start, totp_key, working_day
from kooperacja.demo.scale.writer import Writer
from kooperacja.diagnosis.models import (
    Analysis,
    Need,
    ProblemMapEntry,
    ProblemMapYear,
    RiskGroup,
    SurveyAnswer,
    SurveyRound,
    SurveySheet,
)
from kooperacja.diagnosis.models.problems import CATEGORY_CHOICES
from kooperacja.directory.models import Institution, Problem, Service, Specialist
from kooperacja.directory.search import search_document
from kooperacja.meetings.models import ActionItem, Decision, Invitation, Meeting, Minutes
from kooperacja.notifications.models import Notification
from kooperacja.regional.models import ModelEvaluation


class Generator:
    """Holds the tables and what the gminas share (the accounts of their county and voivodeship)."""

    def __init__(self, *, seed: int, today: datetime.date, password_hash: str, writer: Writer, tokens):
        self.seed = seed
        self.today = today
        self.password_hash = password_hash
        self.w = writer
        self.tok = tokens
        self.problem_ids = dict(Problem.objects.values_list("code", "id"))
        self.county_data: dict[str, dict] = {}
        self.voivodeship_data: dict[str, dict] = {}
        self.serial = 0
        self.search_texts: list[str] = []  # the directory's search documents of the block, for its vocabulary
        t = writer.table
        self.users = t(User, ["id", "email", "password", "first_name", "last_name", "phone"])
        self.institutions = t(
            Institution,
            ["id", "uid", "name", "short_name", "kind", "level", "unit_id", "street", "postal_code", "city", "email"]
            + ["search_text"],
        )
        self.memberships = t(Membership, ["user_id", "institution_id", "role", "position"])
        self.devices = t(TOTPDevice, ["user_id", "name", "confirmed", "key"])
        self.services = t(Service, ["id", "uid", "institution_id", "name", "description", "target_group"])
        self.service_problems = t(Service.problems.through, ["service_id", "problem_id"])
        self.specialists = t(Specialist, ["institution_id", "kind", "count"])
        self.analyses = t(
            Analysis,
            ["id", "unit_id", "year", "title", "is_current", "owner_id", "transport", "access_to_services"]
            + ["created_by_id"],
        )
        self.problem_entries = t(ProblemMapEntry, ["unit_id", "year", "category", "persons", "families", "source"])
        self.problem_years = t(ProblemMapYear, ["unit_id", "year"])
        self.risk_groups = t(RiskGroup, ["analysis_id", "name", "size", "description"])
        self.needs = t(Need, ["analysis_id", "source", "description", "how_collected", "mentions"])
        self.survey_rounds = t(SurveyRound, ["id", "unit_id", "title", "held_on", "is_closed", "created_by_id"])
        self.survey_institutions = t(SurveyRound.institutions.through, ["surveyround_id", "institution_id"])
        self.survey_sheets = t(SurveySheet, ["round_id", "respondent_id"])
        self.survey_answers = t(
            SurveyAnswer,
            ["round_id", "respondent_id", "partner_id", "level", "initiator", "frequency", "staff_readiness"]
            + ["trust_reliability", "trust_mission", "trust_openness", "answered_by_id"],
        )
        self.cooperations = t(
            Cooperation,
            ["id", "name", "unit_id", "variant", "cycle", "previous_id", "start_date", "status", "created_by_id"],
        )
        self.roles = t(CooperationRole, ["cooperation_id", "user_id", "role", "since"])
        self.steps = t(
            Step,
            ["cooperation_id", "stage", "code", "kind", "title", "order", "status", "planned_start", "planned_end"]
            + ["done_on", "documents"],
        )
        self.applications = t(
            RopsApplication,
            ["cooperation_id", "kind", "status", "contact_name", "contact_function", "contact_email", "support"]
            + ["description", "analysis_id", "submitted_at", "submitted_by_id", "animator_id", "assigned_at"]
            + ["assigned_by_id", "agreed_support", "answer", "answered_at", "answered_by_id", "created_by_id"],
        )
        self.authority_consents = t(
            AuthorityConsent,
            ["cooperation_id", "authority", "unit_id", "person_name", "decision", "decided_on", "reference"]
            + ["recorded_by_id"],
        )
        self.agreements = t(
            Agreement,
            ["id", "cooperation_id", "kind", "title", "preamble", "goals", "status", "signed_on", "created_by_id"],
        )
        self.parties = t(
            AgreementParty,
            ["agreement_id", "institution_id", "signatory_name", "signatory_function", "status", "signed_on"],
        )
        self.teams = t(
            Team,
            ["id", "cooperation_id", "agreement_id", "kind", "established_on", "meeting_frequency"]
            + ["meeting_weekday", "meeting_time"],
        )
        self.team_members = t(
            TeamMember,
            ["team_id", "institution_id", "representative_name", "representative_user_id", "membership", "joined_on"],
        )
        self.team_goals = t(TeamGoal, ["team_id", "area", "text"])
        self.team_activities = t(
            TeamActivity, ["team_id", "area", "kind", "title", "planned_on", "done_on", "participants", "outcome"]
        )
        self.model_evaluations = t(
            ModelEvaluation,
            ["cooperation_id", "what_worked", "what_did_not", "recommendations", "decision", "decided_on"]
            + ["decided_by_id", "document_reference", "next_cooperation_id", "created_by_id"],
        )
        self.cases = t(
            Case,
            ["id", "cooperation_id", "reference", "kind", "status", "coordinator_id", "opened_on", "qualified_on"]
            + ["qualified_by_id", "qualification_note", "interview_date", "closed_on", "created_by_id"],
        )
        self.meetings = t(
            Meeting,
            ["id", "cooperation_id", "case_id", "kind", "title", "starts_at", "duration_minutes", "place", "agenda"]
            + ["organiser_id", "status", "invitations_sent_at"],
        )
        self.invitations = t(
            Invitation,
            ["meeting_id", "institution_id", "person_name", "function", "user_id", "answer", "answered_at"]
            + ["answered_by_id", "attended"],
        )
        self.minutes = t(
            Minutes,
            ["id", "meeting_id", "text", "drafted_by_id", "drafted_at", "approved_by_id", "approved_at"]
            + ["approved_at_meeting_id"],
        )
        self.decisions = t(Decision, ["minutes_id", "text", "order"])
        self.action_items = t(
            ActionItem,
            ["meeting_id", "description", "owner_id", "owner_institution_id", "deadline", "done_at", "done_by_id"],
        )
        self.ops_staff = t(Case.ops_staff.through, ["case_id", "user_id"])
        self.referrals = t(
            Referral,
            ["cooperation_id", "from_institution_id", "sent_by_id", "reference", "kind", "person_name", "reason"]
            + ["status", "decided_by_id", "decided_at", "case_id"],
        )
        self.people = t(
            Person,
            ["case_id", "first_name", "last_name", "pesel", "pesel_hash", "birth_date", "birth_year", "address"]
            + ["relation"],
        )
        self.consents = t(Consent, ["id", "case_id", "given_on", "given_by", "all_team", "recorded_by_id"])
        self.consent_institutions = t(Consent.institutions.through, ["consent_id", "institution_id"])
        self.groups = t(CaseGroup, ["id", "cooperation_id", "coordinator_id"])
        self.group_cases = t(CaseGroup.cases.through, ["casegroup_id", "case_id"])
        self.group_members = t(
            GroupMembership,
            ["id", "group_id", "user_id", "institution_id", "name", "role", "function", "joined_on", "left_on"],
        )
        self.diagnosis = t(DiagnosisEntry, ["case_id", "area", "needs", "difficulties", "updated_by_id"])
        self.plans = t(
            WorkPlan,
            ["id", "case_id", "version", "previous_id", "main_goal", "meeting_id", "agreed_on", "from_evaluation_id"]
            + ["superseded_at", "created_by_id"],
        )
        self.goals = t(PlanGoal, ["id", "plan_id", "order", "text", "replaces_id"])
        self.tasks = t(
            PlanTask,
            ["id", "plan_id", "goal_id", "description", "institution_id", "for_family", "deadline", "schedule"]
            + ["status", "status_changed_by_id", "status_changed_at", "copied_from_id"],
        )
        self.acknowledgements = t(
            PlanAcknowledgement, ["plan_id", "institution_id", "for_family", "name", "recorded_by_id"]
        )
        self.monitoring_plans = t(MonitoringPlan, ["case_id", "every_weeks", "set_at_meeting_id", "set_by_id"])
        self.participations = t(
            FamilyParticipation, ["meeting_id", "attended", "informed_how", "informed_on", "recorded_by_id"]
        )
        self.evaluations = t(
            Evaluation,
            ["id", "case_id", "plan_id", "held_on", "meeting_id", "is_final", "workers_comment", "family_comment"]
            + ["created_by_id"],
        )
        self.assessments = t(GoalAssessment, ["evaluation_id", "goal_id", "degree"])
        self.area_ratings = t(AreaRating, ["evaluation_id", "area", "before", "after"])
        self.proposals = t(
            ClosureProposal, ["id", "case_id", "reason", "note", "proposed_by_id", "confirmed_by_id", "confirmed_at"]
        )
        self.closure_agreements = t(ClosureAgreement, ["proposal_id", "user_id", "institution_id"])
        self.contracts = t(SocialContract, ["case_id", "kind", "number", "date", "status", "created_by_id"])
        self.reports = t(
            MonthlyReport,
            ["case_id", "membership_id", "month", "progress", "new_information", "difficulties", "task_statuses"]
            + ["nothing_new"],
        )
        self.monitoring = t(
            MonitoringInformation,
            ["id", "case_id", "period_start", "period_end", "notes", "conclusions", "status", "created_by_id"]
            + ["reviewed_by_id", "reviewed_at"],
        )
        self.messages = t(CaseMessage, ["case_id", "author_id", "body", "created_at"])
        self.notifications = t(Notification, ["user_id", "kind", "message", "url", "key", "read_at"])

    # --- People and institutions ----------------------------------------------------------------------

    def rng(self, code: str) -> random.Random:
        return random.Random(f"{self.seed}:{code}")  # noqa: S311  # nosec B311 — fictional data, reproducible from the seed

    def user(self, rng, email: str, *, female: bool | None = None) -> tuple[int, str]:
        female = rng.random() < 0.7 if female is None else female
        first = rng.choice(texts.FEMALE_FIRST if female else texts.MALE_FIRST)
        last = rng.choice(texts.SURNAMES)[1 if female else 0]
        user_id = self.users.new_id()
        phone = f"{rng.randint(12, 95)} {rng.randint(100, 999)} {rng.randint(10, 99)} {rng.randint(10, 99)}"
        self.users.add(user_id, email, self.password_hash, first, last, phone)
        self.devices.add(user_id, "authenticator", True, totp_key(email))
        return user_id, f"{first} {last}"

    def member(self, user_id: int, institution_id: int | None, role: str, position: str) -> None:
        self.memberships.add(user_id, institution_id, role, position)

    def institutions_of(self, rng, unit, level: str, specs) -> dict[str, list[int]]:
        """The institutions of one unit, by kind, with their services."""
        by_kind: dict[str, list[int]] = {}
        for kind, pattern, count in specs:
            n = count if isinstance(count, int) else rng.randint(*count)
            for number in range(1, n + 1):
                name = pattern.format(name=unit.name, n=number)
                institution_id = self.institutions.new_id()
                street = f"ul. {rng.choice(texts.STREETS)} {rng.randint(1, 60)}"
                postal = f"{rng.randint(10, 99)}-{rng.randint(100, 999)}"
                email = f"kontakt{institution_id}@{texts.DOMAIN}"
                institution_uid = uuid.UUID(int=rng.getrandbits(128), version=4)
                by_kind.setdefault(kind, []).append(institution_id)
                offers = places.SERVICES.get(kind, places.GENERIC_SERVICES)
                how_many = 1 + (rng.random() < 0.35) + (rng.random() < 0.05)
                services = []
                for service_name, problems in offers[:how_many]:
                    service_id = self.services.new_id()
                    description = f"{service_name} dla mieszkańców: {unit.name}."
                    services.append((service_name, description))
                    self.services.add(
                        service_id,
                        uuid.UUID(int=rng.getrandbits(128), version=4),
                        institution_id,
                        service_name,
                        description,
                        "mieszkańcy",
                    )
                    for code in problems:
                        if code in self.problem_ids:
                            self.service_problems.add(service_id, self.problem_ids[code])
                # The document the directory's search looks in, as search_text_update would write it.
                document = search_document(
                    name=name,
                    short_name="",
                    kind=kind,
                    street=street,
                    city=unit.name,
                    unit_name=unit.name,
                    services=services,
                )
                self.search_texts.append(document)
                self.institutions.add(
                    institution_id,
                    institution_uid,
                    name,
                    "",
                    kind,
                    level,
                    unit.pk,
                    street,
                    postal,
                    unit.name,
                    email,
                    document,
                )
                for specialist, how_many_people in places.SPECIALISTS.get(kind, []):
                    self.specialists.add(institution_id, specialist, how_many_people)
        return by_kind

    def voivodeship(self, unit) -> dict:
        data = self.voivodeship_data.get(unit.code)
        if data is None:
            rng = self.rng(unit.code)
            institutions = self.institutions_of(rng, unit, "wojewodztwo", places.VOIVODESHIP_INSTITUTIONS)
            rops = institutions["rops"][0]
            animator, name = self.user(rng, f"rops.{unit.code}@{texts.DOMAIN}")
            self.member(animator, rops, Role.ROPS_ANIMATOR, "regionalny animator współpracy")
            data = self.voivodeship_data[unit.code] = {"rops": rops, "animator": animator, "animator_name": name}
        return data

    def county(self, unit) -> dict:
        data = self.county_data.get(unit.code)
        if data is None:
            rng = self.rng(unit.code)
            institutions = self.institutions_of(rng, unit, "powiat", places.COUNTY_INSTITUTIONS)
            pcpr = institutions["pcpr"][0]
            animator, name = self.user(rng, f"pcpr.{unit.code}@{texts.DOMAIN}")
            self.member(animator, pcpr, Role.PCPR_ANIMATOR, "powiatowy animator współpracy")
            data = self.county_data[unit.code] = {
                "institutions": institutions,
                "pcpr": pcpr,
                "animator": animator,
                "animator_name": name,
            }
        return data

    def administrator(self) -> None:
        user_id, _name = self.user(random.Random(f"{self.seed}:admin"), f"admin@{texts.DOMAIN}")  # noqa: S311  # nosec B311 — fictional data, reproducible from the seed
        self.member(user_id, None, Role.ADMINISTRATOR, "administrator platformy")

    # --- One gmina -----------------------------------------------------------------------------------

    def gmina(self, unit, *, first: bool) -> None:
        county_unit = unit.parent
        voivodeship = self.voivodeship(county_unit.parent)
        county = self.county(county_unit)
        rng = self.rng(unit.code)
        own = self.institutions_of(rng, unit, "gmina", places.GMINA_INSTITUTIONS)
        ops, school, police, health = own["ops"][0], own["school"][0], own["police"][0], own["health"][0]
        staff = {}
        for key, institution, role, position, female in (
            ("koordynator", ops, Role.COORDINATOR, "pracownik socjalny, koordynator", None),
            ("asystent", ops, Role.CASE_WORKER, "asystent rodziny", None),
            ("pedagog", school, Role.CASE_WORKER, "pedagog szkolny", None),
            ("dzielnicowy", police, Role.CASE_WORKER, "dzielnicowy", False),
            ("pielegniarka", health, Role.CASE_WORKER, "pielęgniarka środowiskowa", True),
            ("dyrektor", school, Role.DIRECTOR, "dyrektor szkoły", None),
        ):
            user_id, name = self.user(rng, f"{key}.{unit.code}@{texts.DOMAIN}", female=female)
            self.member(user_id, institution, role, position)
            staff[key] = (user_id, name, institution)
            # The notification centre: a read notice and an unread one (texts name no client).
            self.notifications.add(
                user_id, "meeting_invitation", "Zaproszenie na spotkanie zespołu", "", "", self.w.now
            )
            self.notifications.add(user_id, "report", "Miesięczna informacja do uzupełnienia", "", "", None)
        g = Gmina(unit=unit, rng=rng, own=own, staff=staff, county=county, voivodeship=voivodeship)
        analysis = self.analysis(g)
        for cooperation in self.cooperation_plan(g, first=first):
            self.cooperation(g, cooperation, analysis)

    def analysis(self, g) -> int:
        rng, unit = g.rng, g.unit
        coordinator = g.staff["koordynator"][0]
        analysis_id = self.analyses.new_id()
        year = self.today.year
        self.analyses.add(
            analysis_id,
            unit.pk,
            year,
            f"Analiza gminy {unit.name} {year}",
            True,
            g.ops,
            "Połączenia autobusowe z miastem powiatowym kilka razy dziennie; część wsi bez komunikacji.",
            "Szkoły w każdym sołectwie; ośrodek zdrowia w siedzibie gminy.",
            coordinator,
        )
        for year_back in range(4, 0, -1):
            map_year = year - year_back
            self.problem_years.add(unit.pk, map_year)
            for category, _label in CATEGORY_CHOICES:
                persons = rng.randint(0, 220)
                self.problem_entries.add(unit.pk, map_year, category, persons, max(1, persons // 2), "mrpips03")
        self.risk_groups.add(analysis_id, "Osoby starsze samotnie zamieszkujące", rng.randint(40, 400), "")
        self.risk_groups.add(analysis_id, "Rodziny z problemem alkoholowym", rng.randint(10, 80), "")
        self.needs.add(analysis_id, "residents", "Dowóz do lekarza specjalisty", "ankieta", rng.randint(5, 60))
        self.needs.add(analysis_id, "staff", "Wspólne szkolenia instytucji", "spotkanie", rng.randint(3, 20))
        # A survey round among the gmina's and the county's main institutions.
        surveyed = [g.ops, g.own["school"][0], g.own["police"][0], g.own["gkrpa"][0], g.own["health"][0]]
        surveyed += [g.county["pcpr"]] + g.county["institutions"]["counselling_centre"]
        surveyed += g.county["institutions"]["labour_office"] + g.county["institutions"]["probation"]
        surveyed += g.own["ngo"][:1]
        round_id = self.survey_rounds.new_id()
        held_on = self.today - datetime.timedelta(days=rng.randint(60, 300))
        self.survey_rounds.add(round_id, unit.pk, f"Badanie współpracy {held_on.year}", held_on, True, coordinator)
        for institution in surveyed:
            self.survey_institutions.add(round_id, institution)
        for respondent in surveyed:
            self.survey_sheets.add(round_id, respondent)
            for partner in rng.sample(surveyed, 4):
                if partner == respondent:
                    continue
                self.survey_answers.add(
                    round_id,
                    respondent,
                    partner,
                    rng.randint(0, 4),
                    rng.choice(["we", "partner", "both"]),
                    rng.choice(["rarely", "yearly", "monthly", "weekly"]),
                    rng.randint(1, 4),
                    rng.randint(1, 4),
                    rng.randint(1, 4),
                    rng.randint(1, 4),
                    coordinator,
                )
        return analysis_id

    def cooperation_plan(self, g, *, first: bool) -> list[dict]:
        """The gmina's cooperations: the current one at its stage, and before it a finished first cycle when
        the current one is a continuation. The first gmina is always at work with the model, late in stage III."""
        rng = g.rng
        rural = g.unit.kind == "wiejska"
        variant = "rural" if rural else "urban_rural"
        if first:
            return [{"months": 14, "variant": variant, "cycle": "first", "previous": False}]
        r = rng.random()
        if r < 0.06:
            return [{"months": rng.randint(0, 2), "variant": variant, "cycle": "first", "previous": False}]
        if r < 0.14:
            return [{"months": rng.randint(16, 17), "variant": variant, "cycle": "first", "previous": False}]
        months = rng.randint(4, 15)
        if r < 0.25:
            return [{"months": months, "variant": variant, "cycle": "first", "previous": False}]
        return [
            {"months": months + 18, "variant": variant, "cycle": "first", "previous": True},
            {"months": months, "variant": variant, "cycle": "continuation", "previous": False},
        ]

    def cooperation(self, g, plan: dict, analysis_id: int) -> None:
        rng, unit, today = g.rng, g.unit, self.today
        coordinator, coordinator_name, _ops = g.staff["koordynator"]
        rops_animator = g.voivodeship["animator"]
        pcpr_animator = g.county["animator"]
        start = add_months(month_start(today), -plan["months"])
        cooperation_id = self.cooperations.new_id()
        archived = plan["previous"]
        cycle_label = " (kontynuacja)" if plan["cycle"] == "continuation" else ""
        self.cooperations.add(
            cooperation_id,
            f"Kooperacja w gminie {unit.name}{cycle_label}",
            unit.pk,
            plan["variant"],
            plan["cycle"],
            g.previous_cooperation,
            start,
            "archived" if archived else "active",
            coordinator,
        )
        g.previous_cooperation = cooperation_id
        for user_id, role in (
            (coordinator, "coordinator"),
            (rops_animator, "rops_animator"),
            (pcpr_animator, "pcpr_animator"),
        ):
            self.roles.add(cooperation_id, user_id, role, start)
        org, work, summary = 3, 13, 2
        end = add_months(start, org + work + summary) - DAY
        for order, template in enumerate(template_for(plan["variant"], plan["cycle"]), start=1):
            begin, finish = planned_dates(template, start=start, org=org, work=work, summary=summary)
            if archived or finish < today:
                status, done_on = "done", finish
            elif begin <= today:
                status, done_on = "in_progress", None
            else:
                status, done_on = "todo", None
            self.steps.add(
                cooperation_id,
                template.stage,
                template.code,
                template.kind,
                template.title,
                order,
                status,
                begin,
                finish,
                done_on,
                template.documents,
            )
        c = CooperationRun(id=cooperation_id, start=start, end=end, archived=archived, variant=plan["variant"])
        months = plan["months"]
        # The application to ROPS, answered a month after the start.
        submitted = at(start + datetime.timedelta(days=10), 9)
        answered = months >= 1
        self.applications.add(
            cooperation_id,
            "application",
            "answered" if answered else "submitted",
            coordinator_name,
            "koordynator, pracownik socjalny OPS",
            f"koordynator.{unit.code}@{texts.DOMAIN}",
            json.dumps(["moderation", "agreement", "training"]),
            "Gmina chce wdrożyć Model Kooperacji; prosimy o moderowanie spotkań i pomoc przy porozumieniu.",
            analysis_id,
            submitted,
            coordinator,
            rops_animator if answered else None,
            submitted + datetime.timedelta(days=3) if answered else None,
            rops_animator if answered else None,
            json.dumps(["moderation", "agreement"] if answered else []),
            "ROPS zapewni moderację spotkań i konsultacje przy porozumieniu." if answered else "",
            submitted + datetime.timedelta(days=12) if answered else None,
            rops_animator if answered else None,
            coordinator,
        )
        if months < 1:
            return
        authority = "wojt" if unit.kind == "wiejska" else "burmistrz"
        authorities_day = working_day(add_months(start, 1) + datetime.timedelta(days=10))
        self.authority_consents.add(
            cooperation_id,
            authority,
            unit.pk,
            f"{rng.choice(texts.MALE_FIRST)} {rng.choice(texts.SURNAMES)[0]}",
            "accepted",
            authorities_day,
            f"Zarządzenie nr {rng.randint(1, 150)}/{authorities_day.year}",
            coordinator,
        )
        invitees = [
            (g.staff["dyrektor"][0], g.staff["dyrektor"][1], g.staff["dyrektor"][2]),
            (g.staff["dzielnicowy"][0], g.staff["dzielnicowy"][1], g.staff["dzielnicowy"][2]),
            (pcpr_animator, g.county["animator_name"], g.county["pcpr"]),
            (rops_animator, g.voivodeship["animator_name"], g.voivodeship["rops"]),
        ]
        previous = self.cooperation_meeting(
            g, c, "authorities", "Spotkanie z władzami gminy", authorities_day, invitees[3:], None
        )
        if months < 2:
            return
        institutions_day = working_day(add_months(start, 2) + datetime.timedelta(days=5))
        previous = self.cooperation_meeting(
            g, c, "institutions", "Spotkanie z instytucjami gminy i powiatu", institutions_day, invitees, previous
        )
        if months < 3:
            return
        signed_on = institutions_day + datetime.timedelta(days=21)
        agreement_id = self.agreements.new_id()
        kind = "gpzk_agreement" if c.variant == "rural" else "agreement"
        self.agreements.add(
            agreement_id,
            cooperation_id,
            kind,
            f"Porozumienie o współpracy w gminie {unit.name}",
            "Strony porozumienia, działając na rzecz mieszkańców gminy, postanawiają współpracować.",
            "Wspólna praca z rodzinami wieloproblemowymi.",
            "signed",
            signed_on,
            coordinator,
        )
        parties = [g.ops, g.own["school"][0], g.own["police"][0], g.county["pcpr"], g.own["gkrpa"][0]]
        parties += g.county["institutions"]["counselling_centre"]
        for institution in parties:
            self.parties.add(agreement_id, institution, "", "dyrektor", "signed", signed_on)
        team_id = self.teams.new_id()
        self.teams.add(
            team_id,
            cooperation_id,
            agreement_id,
            "gpzk" if c.variant == "rural" else "pzk",
            signed_on,
            "monthly",
            2,
            datetime.time(11),
        )
        for institution in parties:
            self.team_members.add(team_id, institution, "", None, "core", signed_on)
        for area, text in (
            ("institutions", "Wspólne szkolenie z pracy zespołowej i superwizja dla członków zespołu."),
            ("families", "Objęcie wsparciem grup kooperacji rodzin wieloproblemowych."),
            ("groups", "Projekt lokalny dla mieszkańców."),
        ):
            self.team_goals.add(team_id, area, text)
        training = signed_on + datetime.timedelta(days=30)
        self.team_activities.add(
            team_id,
            "institutions",
            "training",
            "Szkolenie: praca zespołowa",
            training,
            training if training < today else None,
            "członkowie zespołu",
            "Uzgodnione zasady pracy zespołu." if training < today else "",
        )
        # Monthly team meetings since the agreement (the last ones of an archived cycle stop at its end); the
        # next one ahead.
        day = working_day(signed_on + datetime.timedelta(days=14))
        stop = min(today - datetime.timedelta(days=3), c.end)
        while day < stop:
            previous = self.cooperation_meeting(
                g, c, "team", f"Spotkanie zespołu — {day:%m.%Y}", day, invitees[:3], previous
            )
            day = working_day(add_months(day, 1))
        if not archived:
            self.cooperation_meeting(
                g, c, "team", "Spotkanie zespołu — najbliższe", working_day(today + 2 * DAY), invitees[:3], previous
            )
            g.current_cooperation = c
        if months >= 16 or archived:
            self.model_evaluations.add(
                cooperation_id,
                "Comiesięczne spotkania zespołu; wspólne szkolenie z pracy zespołowej.",
                "Wymiana informacji z ochroną zdrowia pozostała incydentalna.",
                "Zaprosić POZ do zespołu; superwizja co kwartał.",
                "continue" if archived else "",
                c.end - 10 * DAY if archived else None,
                coordinator if archived else None,
                "",
                None,
                coordinator,
            )
        work_start = add_months(start, 3)
        if work_start < today - 20 * DAY:
            CaseMaker(self, g, c, work_start).run()

    def cooperation_meeting(self, g, c, kind, title, day, invitees, previous) -> tuple:
        """A meeting of the cooperation: held (answers, attendance, minutes) when past, planned when ahead.
        Approves the minutes of ``previous`` when held."""
        coordinator = g.staff["koordynator"][0]
        starts_at = at(day, 11)
        held = day < self.today
        meeting_id = self.meetings.new_id()
        self.meetings.add(
            meeting_id,
            c.id,
            None,
            kind,
            title,
            starts_at,
            90,
            "Urząd Gminy, sala narad",
            self.tok(texts.MEETING_AGENDA),
            coordinator,
            "held" if held else "planned",
            starts_at - 10 * DAY,
        )
        answered = starts_at - 8 * DAY
        for user_id, name, institution in invitees:
            self.invitations.add(
                meeting_id, institution, name, "", user_id, "accepts", answered, user_id, True if held else None
            )
        if held:
            minutes_id = self.minutes.new_id()
            self.minutes.add(
                minutes_id,
                meeting_id,
                self.tok(texts.MINUTES[2]),
                coordinator,
                starts_at + 2 * datetime.timedelta(hours=2),
                None,
                None,
                None,
            )
            self.decisions.add(minutes_id, self.tok(texts.DECISIONS[0]), 0)
            if kind != "team":  # the first meetings end with a task for the coordinator
                deadline = day + 14 * DAY
                done = deadline < self.today
                self.action_items.add(
                    meeting_id,
                    self.tok("Przygotować kolejne spotkanie i rozesłać materiały"),
                    coordinator,
                    g.ops,
                    deadline,
                    at(deadline - 2 * DAY, 12) if done else None,
                    coordinator if done else None,
                )
            if previous is not None and previous[1] is not None:
                # Minutes are approved at the next meeting: rewrite the previous row in place.
                self._approve(previous[1], coordinator, starts_at, meeting_id)
            return (meeting_id, minutes_id)
        return (meeting_id, None)

    def _approve(self, minutes_id, user_id, when, meeting_id) -> None:
        rows = self.minutes.rows
        for index in range(len(rows) - 1, -1, -1):
            if rows[index][0] == minutes_id:
                row = rows[index]
                rows[index] = row[:5] + (user_id, when, meeting_id) + row[8:]
                return


class Gmina:
    def __init__(self, *, unit, rng, own, staff, county, voivodeship):
        self.unit = unit
        self.rng = rng
        self.own = own
        self.staff = staff
        self.county = county
        self.voivodeship = voivodeship
        self.ops = own["ops"][0]
        self.previous_cooperation = None
        self.current_cooperation = None
        self.case_number = 0


class CooperationRun:
    def __init__(self, *, id, start, end, archived, variant):  # noqa: A002 - the row's id
        self.id = id
        self.start = start
        self.end = end
        self.archived = archived
        self.variant = variant
