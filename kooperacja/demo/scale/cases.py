"""The cases of one cooperation, at every stage: a referral or an opening, the qualification, the group and its
meetings, the work plan (approved, with goals and tasks), the members' monthly reports, the monitoring
information of each quarter (annex 7), messages, the evaluations and the joint closure."""

import datetime
import json

from kooperacja.cooperation.steps import add_months
from kooperacja.core.crypto import keyed_hash
from kooperacja.demo.scale import texts
from kooperacja.demo.scale.common import AREAS, DAY, at, month_start, pesel, working_day

CASES_PER_MONTH = 3.0  # opened in a gmina each month of work with the model
MEMBERS = (  # staff key, chance of being in a group, function in the group
    ("asystent", 0.95, "family_assistant"),
    ("pedagog", 0.85, "school_pedagogue"),
    ("dzielnicowy", 0.7, "community_officer"),
    ("pielegniarka", 0.6, "medical"),
)


class CaseMaker:
    def __init__(self, gen, g, c, work_start: datetime.date):
        self.gen, self.g, self.c = gen, g, c
        self.rng = g.rng
        self.today = gen.today
        self.limit = c.end if c.archived else gen.today
        self.work_start = work_start

    def run(self) -> None:
        rng = self.rng
        last = self.limit - (60 if self.c.archived else 1) * DAY
        days = (last - self.work_start).days
        if days <= 0:
            return
        count = max(1, round(days / 30.4 * CASES_PER_MONTH * rng.uniform(0.85, 1.15)))
        openings = sorted(self.work_start + rng.randint(0, days) * DAY for _ in range(count))
        forced = []
        if not self.c.archived and days >= 300:
            forced = [
                ("monitoring", self.today - 240 * DAY),
                ("intake", self.today - 3 * DAY),
                ("planning", self.today - 20 * DAY),
                ("closed", self.work_start + 5 * DAY),
                ("not_qualified", self.today - 60 * DAY),
            ]
            openings = openings[len(forced) :]
        for status, opened in forced:
            self.case(opened, forced=status)
        for opened in openings:
            self.case(opened)
        if not self.c.archived:
            self.pending_referrals()

    # --- One case --------------------------------------------------------------------------------------

    def case(self, opened: datetime.date, forced: str | None = None) -> None:
        gen, g, c, rng, today = self.gen, self.g, self.c, self.rng, self.today
        coordinator, _name, ops = g.staff["koordynator"]
        g.case_number += 1
        reference = f"{g.unit.teryt}/{opened.year}/{g.case_number:04d}"
        kind = "family" if rng.random() < 0.65 else ("person" if rng.random() < 0.86 else "group")
        qualified_on = opened + rng.randint(5, 12) * DAY
        not_qualified = forced == "not_qualified" or (forced is None and rng.random() < 0.05)
        if forced == "intake" or qualified_on >= self.limit:
            status, qualified_on = "intake", None
        elif not_qualified:
            status = "not_qualified"
        else:
            status = "planning"
        first_meeting = working_day(qualified_on + rng.randint(10, 20) * DAY) if qualified_on else None
        if forced == "planning":
            first_meeting = working_day(today + 5 * DAY)
        months = 24 if forced == "monitoring" else (rng.randint(3, 5) if forced == "closed" else rng.randint(8, 24))
        end = first_meeting + months * 30 * DAY if first_meeting else None
        if c.archived and end and end > c.end - 14 * DAY:
            end = c.end - 14 * DAY
        if status == "planning" and first_meeting < self.limit:
            status = "closed" if end < self.limit - 7 * DAY else "monitoring"
            if first_meeting >= end:
                status, end = "closed", first_meeting + 30 * DAY
        closed_on = None
        if status == "not_qualified":
            closed_on = qualified_on
        elif status == "closed":
            closed_on = end + 7 * DAY
        case_id = gen.cases.new_id()
        gen.cases.add(
            case_id,
            c.id,
            reference,
            kind,
            status,
            coordinator,
            opened,
            qualified_on,
            coordinator if qualified_on else None,
            gen.tok(texts.QUALIFICATION[0 if status != "not_qualified" else 1]) if qualified_on else "",
            opened + 2 * DAY,
            closed_on,
            coordinator,
        )
        gen.ops_staff.add(case_id, g.staff["asystent"][0])
        main_name = self.people(case_id, kind, opened)
        if rng.random() < 0.3:
            who = g.staff["pedagog"] if rng.random() < 0.6 else g.staff["dzielnicowy"]
            gen.referrals.add(
                c.id,
                who[2],
                who[0],
                f"Z/{reference}",
                kind,
                gen.tok.fresh(main_name),
                gen.tok(rng.choice(texts.REASONS)),
                "accepted",
                coordinator,
                at(opened, 12),
                case_id,
            )
        group_id = gen.groups.new_id()
        gen.groups.add(group_id, c.id, coordinator)
        gen.group_cases.add(group_id, case_id)
        if qualified_on is None or status == "not_qualified":
            return
        members = self.members(group_id, qualified_on, closed_on)
        consent_id = gen.consents.new_id()
        gen.consents.add(consent_id, case_id, qualified_on, gen.tok.fresh(main_name), False, coordinator)
        for institution in {ops} | {m["institution"] for m in members}:
            gen.consent_institutions.add(consent_id, institution)
        for area in rng.sample(AREAS, rng.randint(2, 4)):
            gen.diagnosis.add(
                case_id, area, gen.tok(rng.choice(texts.DIAGNOSIS_NEEDS)), gen.tok(texts.DIFFICULTIES[0]), coordinator
            )
        if rng.random() < 0.4:
            gen.contracts.add(
                case_id, "contract", f"KS/{g.case_number}/{qualified_on.year}", qualified_on, "active", coordinator
            )
        accounts = [m for m in members if m["user"]]
        if first_meeting >= self.limit:  # planning: the first meeting of the group is ahead
            self.meeting(case_id, reference, first_meeting, accounts, "case_group", held=False)
            return
        self.work(case_id, reference, status, first_meeting, end, members, accounts, main_name)

    def people(self, case_id: int, kind: str, opened: datetime.date) -> str:
        gen, rng = self.gen, self.rng
        female = rng.random() < 0.6
        surname = rng.choice(texts.SURNAMES)
        first = rng.choice(texts.FEMALE_FIRST if female else texts.MALE_FIRST)
        last = surname[1 if female else 0]
        address = f"ul. {rng.choice(texts.STREETS)} {rng.randint(1, 80)}, {self.g.unit.name}"
        household = [("main", first, last, female, rng.randint(25, 70))]
        if kind == "family":
            if rng.random() < 0.6:
                household.append(
                    (
                        "spouse",
                        rng.choice(texts.MALE_FIRST if female else texts.FEMALE_FIRST),
                        surname[0 if female else 1],
                    )
                    + (not female, rng.randint(25, 70))
                )
            for _ in range(rng.randint(1, 3)):
                child_female = rng.random() < 0.5
                household.append(("child", rng.choice(texts.CHILD_FIRST), last, child_female, rng.randint(1, 17)))
        for relation, person_first, person_last, person_female, age in household:
            self.gen.serial += 1
            birth = datetime.date(opened.year - age, 1 + self.gen.serial % 12, 1 + self.gen.serial % 28)
            number = pesel(birth, self.gen.serial, person_female) if relation == "main" or rng.random() < 0.5 else ""
            gen.people.add(
                case_id,
                gen.tok.fresh(person_first),
                gen.tok.fresh(person_last),
                gen.tok.fresh(number),
                keyed_hash(number) if number else "",
                birth if relation != "child" else None,
                birth.year if relation == "child" else None,
                gen.tok.fresh(address),
                relation,
            )
        return f"{first} {last}"

    def members(self, group_id: int, joined: datetime.date, left: datetime.date | None) -> list[dict]:
        gen, rng, g = self.gen, self.rng, self.g
        members = []
        for key, chance, function in MEMBERS:
            if key != "asystent" and rng.random() > chance:
                continue
            user_id, name, institution = g.staff[key]
            member_id = gen.group_members.new_id()
            gen.group_members.add(member_id, group_id, user_id, institution, "", "member", function, joined, None)
            members.append({"id": member_id, "user": user_id, "institution": institution, "name": name})
        if rng.random() < 0.2:
            member_id = gen.group_members.new_id()
            name = gen.tok.fresh(f"{rng.choice(texts.FEMALE_FIRST)} {rng.choice(texts.SURNAMES)[1]}")
            gen.group_members.add(member_id, group_id, None, None, name, "close_person", "other", joined, None)
        return members

    # --- The work with the family ------------------------------------------------------------------------

    def work(self, case_id, reference, status, first_meeting, end, members, accounts, main_name) -> None:
        gen, g, rng = self.gen, self.g, self.rng
        coordinator = g.staff["koordynator"][0]
        closed = status == "closed"
        stop = min(end, self.limit) if closed else self.limit
        every_weeks = rng.choice([6, 8])
        first_id, minutes = self.meeting(case_id, reference, first_meeting, accounts, "case_group", held=True)
        gen.monitoring_plans.add(case_id, every_weeks, first_id, coordinator)
        meetings = [(first_meeting, first_id)]
        day = working_day(first_meeting + every_weeks * 7 * DAY)
        while day < stop:
            meeting_id, minutes = self.meeting(case_id, reference, day, accounts, "monitoring", True, minutes)
            meetings.append((day, meeting_id))
            day = working_day(day + every_weeks * 7 * DAY)
        if not closed and not self.c.archived:
            self.meeting(case_id, reference, day, accounts, "monitoring", held=False)
        institutions = sorted({m["institution"] for m in members})
        # The mid-term evaluation; at it, some groups modify the goals: a second version of the plan.
        middle = working_day(first_meeting + 180 * DAY)
        evaluated = middle < stop - 30 * DAY
        modified = evaluated and rng.random() < 0.4
        plan_id, goal_ids, task_rows = self.plan(
            case_id, 1, None, first_meeting, meetings[0][1], None, middle if modified else None, institutions
        )
        current_plan, current_tasks = plan_id, task_rows
        if evaluated:
            evaluation_id = gen.evaluations.new_id()
            meeting_at = min(meetings, key=lambda item: abs((item[0] - middle).days))[1]
            gen.evaluations.add(
                evaluation_id,
                case_id,
                plan_id,
                middle,
                meeting_at,
                False,
                gen.tok(texts.CONCLUSIONS[1]),
                "",
                coordinator,
            )
            for goal_id in goal_ids:
                gen.assessments.add(evaluation_id, goal_id, rng.choice(["reached", "partly", "not_reached"]))
            for area in rng.sample(AREAS, 3):
                gen.area_ratings.add(evaluation_id, area, rng.randint(1, 3), rng.randint(2, 5))
            if modified:
                current_plan, goal_ids, current_tasks = self.plan(
                    case_id, 2, plan_id, middle, meeting_at, evaluation_id, None, institutions, goal_ids, task_rows
                )
        if closed:
            final_day, final_meeting = meetings[-1]
            evaluation_id = gen.evaluations.new_id()
            gen.evaluations.add(
                evaluation_id,
                case_id,
                current_plan,
                final_day,
                final_meeting,
                True,
                gen.tok("Cele osiągnięte w przeważającej części."),
                gen.tok("Dziękujemy za pomoc."),
                coordinator,
            )
            for goal_id in goal_ids:
                gen.assessments.add(evaluation_id, goal_id, rng.choice(["reached", "reached", "partly"]))
            for area in rng.sample(AREAS, 3):
                gen.area_ratings.add(evaluation_id, area, rng.randint(1, 3), rng.randint(3, 5))
            proposal_id = gen.proposals.new_id()
            confirmed = at(end + 7 * DAY, 10)
            gen.proposals.add(proposal_id, case_id, "goals_reached", "", coordinator, coordinator, confirmed)
            for member in accounts:
                gen.closure_agreements.add(proposal_id, member["user"], member["institution"])
        self.reports(case_id, first_meeting, stop, accounts, current_tasks)
        self.annex7(case_id, first_meeting, stop)
        for _ in range(rng.randint(0, 4)):
            author = rng.choice(accounts)["user"] if accounts and rng.random() < 0.7 else coordinator
            sent = first_meeting + rng.randint(0, max(1, (stop - first_meeting).days - 1)) * DAY
            gen.messages.add(case_id, author, gen.tok(rng.choice(texts.MESSAGES)), at(sent, 9 + rng.randint(0, 7)))

    def plan(self, case_id, version, previous, agreed_on, meeting_id, evaluation, superseded, institutions, *copy):
        """One version of the work plan with its goals, tasks and acknowledgements. A second version copies
        the goals (each replacing its predecessor) and the tasks of the first. Returns the plan, its goals and
        its tasks as (id, institution, status, goal)."""
        gen, g, rng = self.gen, self.g, self.rng
        coordinator = g.staff["koordynator"][0]
        users = {institution: user for user, _name, institution in g.staff.values()}
        plan_id = gen.plans.new_id()
        gen.plans.add(
            plan_id,
            case_id,
            version,
            previous,
            gen.tok(rng.choice(texts.MAIN_GOALS)),
            meeting_id,
            agreed_on,
            evaluation,
            at(superseded, 12) if superseded else None,
            coordinator,
        )
        goal_ids, tasks = [], []
        if copy:
            old_goals, old_tasks = copy
            replaced = {}
            for order, old in enumerate(old_goals, start=1):
                goal_id = gen.goals.new_id()
                gen.goals.add(goal_id, plan_id, order, gen.tok(rng.choice(texts.GOALS)), old)
                replaced[old] = goal_id
                goal_ids.append(goal_id)
            for old_id, institution, _status, old_goal in old_tasks:
                tasks.append(self.task(plan_id, replaced[old_goal], institution, agreed_on, users, copied=old_id))
        else:
            for order in range(1, rng.randint(2, 4) + 1):
                goal_id = gen.goals.new_id()
                gen.goals.add(goal_id, plan_id, order, gen.tok(rng.choice(texts.GOALS)), None)
                goal_ids.append(goal_id)
                for _ in range(rng.randint(3, 5)):
                    institution = None if rng.random() < 0.2 else rng.choice(institutions)
                    tasks.append(self.task(plan_id, goal_id, institution, agreed_on, users))
        for institution in institutions:
            gen.acknowledgements.add(plan_id, institution, False, "", users.get(institution, coordinator))
        gen.acknowledgements.add(plan_id, None, True, gen.tok("osoba wspierana"), coordinator)
        return plan_id, goal_ids, tasks

    def task(self, plan_id, goal_id, institution, agreed_on, users, copied=None) -> tuple:
        gen, rng, today = self.gen, self.rng, self.today
        deadline = agreed_on + rng.randint(30, 240) * DAY
        if deadline < today:
            status = rng.choices(["done", "not_done", "in_progress"], weights=[7, 1, 2])[0]
        else:
            status = rng.choice(["planned", "in_progress", "in_progress"])
        changed_by = users.get(institution, self.g.staff["koordynator"][0]) if status != "planned" else None
        task_id = gen.tasks.new_id()
        gen.tasks.add(
            task_id,
            plan_id,
            goal_id,
            gen.tok(rng.choice(texts.TASKS)),
            institution,
            institution is None,
            deadline,
            gen.tok(rng.choice(texts.SCHEDULES)) if rng.random() < 0.4 else "",
            status,
            changed_by,
            at(min(deadline, today), 12) if changed_by else None,
            copied,
        )
        return (task_id, institution, status, goal_id)

    def reports(self, case_id, first_meeting, stop, accounts, tasks) -> None:
        """Every member with an account reports on every month that has ended since the plan, now and then
        missing one."""
        gen, rng = self.gen, self.rng
        statuses = {}
        for member in accounts:
            own = {
                str(task_id): status
                for task_id, institution, status, _goal in tasks
                if institution == member["institution"]
            }
            statuses[member["id"]] = json.dumps(own)
        month = month_start(first_meeting)
        last = month_start(stop)  # reports are due on months that have ended
        while month < last:
            for member in accounts:
                if rng.random() < 0.03:
                    continue
                if rng.random() < 0.1:
                    gen.reports.add(case_id, member["id"], month, "", "", "", statuses[member["id"]], True)
                    continue
                gen.reports.add(
                    case_id,
                    member["id"],
                    month,
                    gen.tok(rng.choice(texts.PROGRESS)),
                    gen.tok(rng.choice(texts.NEW_INFORMATION)) if rng.random() < 0.5 else "",
                    gen.tok(rng.choice(texts.DIFFICULTIES)) if rng.random() < 0.2 else "",
                    statuses[member["id"]],
                    False,
                )
            month = add_months(month, 1)

    def annex7(self, case_id, first_meeting, stop) -> None:
        """The monitoring information of each quarter that has ended; reviewed once its reports are in."""
        gen, today = self.gen, self.today
        coordinator = self.g.staff["koordynator"][0]
        start = month_start(first_meeting)
        while True:
            end = add_months(start, 3) - DAY
            if end >= stop:
                return
            reviewed = end + 20 * DAY < today
            gen.monitoring.add(
                gen.monitoring.new_id(),
                case_id,
                start,
                end,
                gen.tok(self.rng.choice(texts.MONITORING_NOTES)),
                gen.tok(texts.CONCLUSIONS[0]),
                "reviewed" if reviewed else "draft",
                coordinator,
                coordinator if reviewed else None,
                at(end + 15 * DAY, 14) if reviewed else None,
            )
            start = add_months(start, 3)

    def meeting(self, case_id, reference, day, accounts, kind, held, previous_minutes=None):
        """A meeting of the case group: held with attendance, the family's participation and minutes (which
        approve the previous meeting's), or planned ahead with the invitations sent."""
        gen, rng = self.gen, self.rng
        coordinator = self.g.staff["koordynator"][0]
        starts_at = at(day, 10)
        meeting_id = gen.meetings.new_id()
        title = f"Spotkanie grupy kooperacji — sprawa {reference}"
        gen.meetings.add(
            meeting_id,
            None,
            case_id,
            kind,
            title,
            starts_at,
            60,
            "OPS, pokój 12",
            gen.tok(texts.MEETING_AGENDA),
            coordinator,
            "held" if held else "planned",
            starts_at - 7 * DAY,
        )
        for member in accounts:
            answered = starts_at - 5 * DAY
            if held or rng.random() < 0.7:
                gen.invitations.add(
                    meeting_id,
                    member["institution"],
                    member["name"],
                    "",
                    member["user"],
                    "accepts",
                    answered,
                    member["user"],
                    True if held else None,
                )
            else:
                gen.invitations.add(
                    meeting_id, member["institution"], member["name"], "", member["user"], "pending", None, None, None
                )
        if not held:
            return meeting_id, None
        if rng.random() < 0.6:
            gen.participations.add(meeting_id, True, "", None, coordinator)
        else:
            gen.participations.add(meeting_id, False, "phone", day + DAY, coordinator)
        minutes_id = gen.minutes.new_id()
        gen.minutes.add(
            minutes_id,
            meeting_id,
            gen.tok(rng.choice(texts.MINUTES[:2])),
            coordinator,
            starts_at + datetime.timedelta(hours=1),
            None,
            None,
            None,
        )
        if previous_minutes is not None:
            gen._approve(previous_minutes, coordinator, starts_at, meeting_id)
        return meeting_id, minutes_id

    def pending_referrals(self) -> None:
        gen, g, rng = self.gen, self.g, self.rng
        for number in (1, 2):
            user_id, _name, school = g.staff["pedagog"]
            person = f"{rng.choice(texts.FEMALE_FIRST)} {rng.choice(texts.SURNAMES)[1]}"
            gen.referrals.add(
                self.c.id,
                school,
                user_id,
                f"Z/{g.unit.teryt}/{self.today.year}/N{number}",
                "family",
                gen.tok.fresh(person),
                gen.tok(rng.choice(texts.REASONS)),
                "sent",
                None,
                None,
                None,
            )
